using System.Net;
using MicroNeedling.Clinic.Bookings;
using MicroNeedling.Clinic.Calendar;
using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.Data;
using MicroNeedling.Clinic.Plans;
using MicroNeedling.Clinic.Screening;
using MicroNeedling.Clinic.Sittings;
using MicroNeedling.Clinic.Staff;
using MicroNeedling.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MicroNeedling.Web.Tests;

/// <summary>Ways around the safety rules found in review, each closed and kept closed by a test.</summary>
[Collection(SharedApp.Name)]
public sealed class SafetyRulesCannotBeBypassedTests(ClinicAppFactory app)
{
    private Task<T> Db<T>(Func<ClinicDbContext, Task<T>> query) => app.GetAsync(sp => query(sp.GetRequiredService<ClinicDbContext>()));

    private async Task<int> CompletedSittingAsync(CoursePlan plan, int number, DateTime startUtc)
    {
        var clinician = await app.CreateClinicianAsync();
        var room = await app.CreateRoomAsync();
        return await app.InsertBookingAsync(plan, number, clinician, room, startUtc, BookingStatus.Completed);
    }

    private Task<ServiceResult<SideEffect>> SevereSideEffectAsync(int patientId) =>
        app.GetAsync(sp => sp.GetRequiredService<SideEffectService>().RecordAsync(new RecordSideEffectCommand
        {
            PatientId = patientId,
            Kind = SideEffectKind.Bleeding,
            Severity = Severity.Moderate,
            OnsetDate = new DateOnly(2026, 3, 9),
            Description = "Bleeding that would not stop.",
        }));

    private Task<ServiceResult<BookingOutcome>> BookAsync(CoursePlan plan, int number, string clinician, int room, DateOnly date) =>
        app.GetAsync(sp => sp.GetRequiredService<BookingService>().BookAsync(new BookSittingCommand
        {
            SittingId = plan.Sittings.Single(s => s.Number == number).Id,
            ClinicianId = clinician,
            RoomId = room,
            Date = date,
            Time = new TimeOnly(11, 0),
        }));

    [Fact]
    public async Task A_stop_the_course_review_cancels_the_course_and_its_bookings()
    {
        var plan = await app.CreateBookablePatientAsync();
        var clinicianId = await app.CreateClinicianAsync();
        var room = await app.CreateRoomAsync();
        Assert.True((await BookAsync(plan, 1, clinicianId, room, new DateOnly(2026, 3, 12))).Succeeded);
        var effect = await SevereSideEffectAsync(plan.PatientId);
        var clinician = await app.LoginAsAsync(Roles.Clinician);

        var reviewed = await clinician.PostFormAsync($"/SideEffects/Review/{effect.Value!.Id}", new Dictionary<string, string>
        {
            ["Input.Outcome"] = nameof(ReviewOutcome.StopCourse),
            ["Input.Note"] = "Not safe to continue.",
        });

        Assert.Equal(HttpStatusCode.Redirect, reviewed.StatusCode);
        var stored = await Db(db => db.CoursePlans.SingleAsync(p => p.Id == plan.Id));
        Assert.Equal(PlanStatus.Cancelled, stored.Status);
        Assert.Contains("review of a side effect", stored.CancellationReason);
        Assert.Equal(BookingStatus.Cancelled, (await Db(db => db.Bookings.SingleAsync(b => b.PatientId == plan.PatientId))).Status);
    }

    [Fact]
    public async Task A_hold_follows_the_patient_so_a_new_course_cannot_be_planned_around_it()
    {
        var plan = await app.CreateBookablePatientAsync();
        await SevereSideEffectAsync(plan.PatientId);
        await app.GetAsync(sp => sp.GetRequiredService<PlanService>().CancelAsync(new CancelPlanCommand { PlanId = plan.Id, Reason = "Start again." }));
        var clinician = await app.LoginAsAsync(Roles.Clinician);

        var replanned = await clinician.PostFormAsync($"/Plans/Create?patientId={plan.PatientId}",
        [
            new("Input.PatientId", plan.PatientId.ToString()), new("Input.Concerns", "Scars"), new("Input.Areas", "Face"), new("Input.SittingCount", "6"),
            new("Input.MinutesPerSitting", "15"), new("Input.NumbingLeadMinutes", "30"), new("Input.MinIntervalDays", "28"), new("Input.MaxIntervalDays", "42"),
        ], "/Plans/Create");

        Assert.Equal(HttpStatusCode.OK, replanned.StatusCode);
        Assert.Contains("waiting for a clinician's review", (await replanned.ReadDocumentAsync()).ErrorSummary());
        Assert.Equal(1, await Db(db => db.CoursePlans.CountAsync(p => p.PatientId == plan.PatientId)));
    }

    [Fact]
    public async Task The_minimum_interval_holds_across_courses()
    {
        var first = await app.CreateBookablePatientAsync();
        await CompletedSittingAsync(first, 1, new DateTime(2026, 3, 9, 10, 0, 0, DateTimeKind.Utc));
        await app.GetAsync(sp => sp.GetRequiredService<PlanService>().CancelAsync(new CancelPlanCommand { PlanId = first.Id, Reason = "Change of plan." }));
        var second = await app.PlanCourseAsync(first.PatientId);
        var clinician = await app.CreateClinicianAsync();
        var room = await app.CreateRoomAsync();

        var tooSoon = await BookAsync(second, 1, clinician, room, new DateOnly(2026, 3, 11));
        var later = await BookAsync(second, 1, clinician, room, new DateOnly(2026, 4, 6));

        Assert.Contains(tooSoon.Errors, e => e.Field == "Date" && e.Message.Contains("another course on 9 Mar 2026"));
        Assert.True(later.Succeeded, string.Join("; ", later.Errors.Select(e => e.Message)));
    }

    [Fact]
    public async Task A_date_of_birth_corrected_to_a_minor_after_screening_stops_booking()
    {
        var plan = await app.CreateBookablePatientAsync();
        var frontDesk = await app.LoginAsAsync(Roles.FrontDesk);
        var form = (await frontDesk.GetDocumentAsync($"/Patients/Edit/{plan.PatientId}")).PostFields()
            .Select(f => f.Key == "Input.DateOfBirth" ? new KeyValuePair<string, string>(f.Key, "2012-03-03") : f);
        Assert.Equal(HttpStatusCode.Redirect, (await frontDesk.PostFieldsAsync($"/Patients/Edit/{plan.PatientId}", form)).StatusCode);

        var status = await app.GetAsync(sp => sp.GetRequiredService<ScreeningService>().CurrentStatusAsync(plan.PatientId));
        var booked = await BookAsync(plan, 1, await app.CreateClinicianAsync(), await app.CreateRoomAsync(), new DateOnly(2026, 3, 12));

        Assert.Equal(ScreeningStatusKind.NotSuitable, status.Kind);
        Assert.Contains("minimum age", status.Summary);
        Assert.Contains(booked.Errors, e => e.Message.Contains("minimum age"));
    }

    [Fact]
    public async Task A_completed_course_cannot_be_cancelled()
    {
        var plan = await app.CreateBookablePatientAsync();
        await Db(db => db.CoursePlans.Where(p => p.Id == plan.Id).ExecuteUpdateAsync(u => u.SetProperty(p => p.Status, PlanStatus.Completed)));

        var result = await app.GetAsync(sp => sp.GetRequiredService<PlanService>().CancelAsync(new CancelPlanCommand { PlanId = plan.Id, Reason = "Oops." }));

        Assert.Contains(result.Errors, e => e.Message.Contains("already completed"));
    }

    [Fact]
    public async Task A_clearance_from_long_before_the_screening_is_refused()
    {
        var patientId = await app.CreatePatientAsync();
        var screeningId = await app.ScreenAsync(patientId, pregnancy: PregnancyAnswer.Yes);
        var clinician = await app.LoginAsAsync(Roles.Clinician);

        var response = await clinician.PostFormAsync($"/Screening/Clearance/{screeningId}",
            new Dictionary<string, string> { ["Input.DoctorName"] = "Dr Old", ["Input.ClearedOn"] = "2025-01-10" });

        Assert.Contains("must date from", (await response.ReadDocumentAsync()).FieldError("Input.ClearedOn"));
        Assert.Null(await Db(db => db.DoctorClearances.FirstOrDefaultAsync(c => c.ScreeningId == screeningId)));
    }

    [Fact]
    public async Task Dates_far_outside_the_calendar_give_messages_not_errors()
    {
        var frontDesk = await app.LoginAsAsync(Roles.FrontDesk);
        var plan = await app.CreateBookablePatientAsync();
        var clinician = await app.CreateClinicianAsync();
        var room = await app.CreateRoomAsync();

        Assert.Equal(HttpStatusCode.OK, (await frontDesk.GetAsync("/Calendar?date=9999-12-31")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await frontDesk.GetAsync("/Calendar?date=0001-01-01&view=week")).StatusCode);
        foreach (var date in new[] { "9999-12-31", "0001-01-01" })
        {
            var sittingId = plan.Sittings.Single(s => s.Number == 1).Id;
            var response = await frontDesk.PostFormAsync($"/Bookings/Create?sittingId={sittingId}",
            [
                new("Input.SittingId", sittingId.ToString()), new("Input.ClinicianId", clinician), new("Input.RoomId", room.ToString()),
                new("Input.Date", date), new("Input.Time", "23:00"),
            ]);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("Enter a date between 2000 and 2100.", (await response.ReadDocumentAsync()).FieldError("Input.Date"));
        }
    }

    [Fact]
    public async Task A_checked_in_sitting_that_will_not_go_ahead_is_marked_not_performed_by_a_clinician_only()
    {
        var plan = await app.CreateBookablePatientAsync();
        var booked = await BookAsync(plan, 1, await app.CreateClinicianAsync(), await app.CreateRoomAsync(), new DateOnly(2026, 3, 10));
        var bookingId = booked.Value!.BookingId!.Value;
        var frontDesk = await app.LoginAsAsync(Roles.FrontDesk);
        var clinician = await app.LoginAsAsync(Roles.Clinician);
        await frontDesk.PostFormAsync($"/Bookings/Details/{bookingId}", [], $"/Bookings/Details/{bookingId}?handler=CheckIn");

        var byFrontDesk = await frontDesk.PostFormAsync($"/Bookings/Details/{bookingId}", [new("notPerformedReason", "Left.")], $"/Bookings/Details/{bookingId}?handler=NotPerformed");
        var noReason = await clinician.PostFormAsync($"/Bookings/Details/{bookingId}", [new("notPerformedReason", "")], $"/Bookings/Details/{bookingId}?handler=NotPerformed");
        var byClinician = await clinician.PostFormAsync($"/Bookings/Details/{bookingId}", [new("notPerformedReason", "Patient felt unwell and went home.")], $"/Bookings/Details/{bookingId}?handler=NotPerformed");

        Assert.Equal(HttpStatusCode.Forbidden, byFrontDesk.StatusCode);
        Assert.Contains("Give the reason", (await noReason.ReadDocumentAsync()).GetElementById("notPerformedReason-error")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, byClinician.StatusCode);
        var booking = await Db(db => db.Bookings.SingleAsync(b => b.Id == bookingId));
        Assert.Equal(BookingStatus.NotPerformed, booking.Status);
        Assert.Equal("Patient felt unwell and went home.", booking.NotPerformedReason);
    }

    [Fact]
    public async Task Time_off_over_booked_sittings_tells_the_admin_how_many_need_moving()
    {
        var plan = await app.CreateBookablePatientAsync();
        var clinicianId = await app.CreateClinicianAsync();
        Assert.True((await BookAsync(plan, 1, clinicianId, await app.CreateRoomAsync(), new DateOnly(2026, 3, 18))).Succeeded);
        var admin = await app.LoginAsAsync(Roles.Admin);

        var added = await admin.PostFormAsync($"/Admin/Clinicians/Hours/{clinicianId}",
            [new("NewTimeOff.From", "2026-03-16"), new("NewTimeOff.To", "2026-03-20"), new("NewTimeOff.Reason", "Leave")],
            $"/Admin/Clinicians/Hours/{clinicianId}?handler=AddTimeOff");

        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var page = await admin.GetDocumentAsync(added.Headers.Location!.OriginalString);
        Assert.Contains("1 of their sittings is still booked then", page.QuerySelector(".flash")!.TextContent);
    }

    [Fact]
    public async Task Two_clinicians_reviewing_the_same_side_effect_at_once_record_one_review()
    {
        var plan = await app.CreateBookablePatientAsync();
        var effect = await SevereSideEffectAsync(plan.PatientId);
        var clinician = await app.LoginAsAsync(Roles.Clinician);
        var token = (await clinician.GetDocumentAsync($"/SideEffects/Review/{effect.Value!.Id}")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        string[] outcomes = [nameof(ReviewOutcome.ContinueCourse), nameof(ReviewOutcome.StopCourse)];
        var responses = await Task.WhenAll(outcomes.Select(outcome =>
            clinician.PostFieldsAsync($"/SideEffects/Review/{effect.Value.Id}",
                [new("__RequestVerificationToken", token), new("Input.Outcome", outcome), new("Input.Note", $"Review: {outcome}")])));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Redirect));
        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        var stored = await Db(db => db.SideEffects.SingleAsync(e => e.Id == effect.Value.Id));
        var plan2 = await Db(db => db.CoursePlans.SingleAsync(p => p.Id == plan.Id));
        Assert.Equal(stored.ReviewOutcome == ReviewOutcome.StopCourse, plan2.Status == PlanStatus.Cancelled);
    }
}
