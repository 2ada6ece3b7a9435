using System.Net;
using MicroNeedling.Clinic.Bookings;
using MicroNeedling.Clinic.Data;
using MicroNeedling.Clinic.Plans;
using MicroNeedling.Clinic.Sittings;
using MicroNeedling.Clinic.Staff;
using MicroNeedling.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MicroNeedling.Web.Tests;

/// <summary>Check-in, the re-screen before needling, and side effects that hold a course. The clock: Tue 10 Mar 2026 09:00.</summary>
[Collection(SharedApp.Name)]
public sealed class TheSittingDayTests(ClinicAppFactory app)
{
    private static List<KeyValuePair<string, string>> Answers(string acne = "false", string pregnancy = "No") =>
    [
        new("Input.Eczema", "false"), new("Input.Psoriasis", "false"), new("Input.ActiveAcne", acne), new("Input.OpenWounds", "false"),
        new("Input.Pregnancy", pregnancy), new("Input.RadiationTherapy", "false"), new("Input.RadiationDate", ""), new("Input.Notes", ""),
    ];

    /// <summary>A patient booked for sitting <paramref name="number"/> today at 15:00 (after a completed earlier sitting when number &gt; 1).</summary>
    private async Task<(CoursePlan Plan, int BookingId)> BookedTodayAsync(int number = 1)
    {
        var clinician = await app.CreateClinicianAsync();
        var room = await app.CreateRoomAsync();
        var plan = await app.CreateBookablePatientAsync();
        await app.ScreenedDaysAgoAsync(plan.PatientId, 2);
        if (number > 1)
        {
            await app.InsertBookingAsync(plan, number - 1, clinician, room, new DateTime(2026, 2, 10, 10, 0, 0, DateTimeKind.Utc), BookingStatus.Completed);
        }

        var booked = await app.GetAsync(sp => sp.GetRequiredService<BookingService>().BookAsync(new BookSittingCommand
        {
            SittingId = plan.Sittings.Single(s => s.Number == number).Id,
            ClinicianId = clinician,
            RoomId = room,
            Date = new DateOnly(2026, 3, 10),
            Time = new TimeOnly(15, 0),
            ConfirmLongInterval = true,
        }));
        Assert.True(booked.Succeeded, string.Join("; ", booked.Errors.Select(e => e.Message)));
        return (plan, booked.Value!.BookingId!.Value);
    }

    private static Task<HttpResponseMessage> CheckInAsync(HttpClient client, int bookingId) =>
        client.PostFormAsync($"/Bookings/Details/{bookingId}", [], $"/Bookings/Details/{bookingId}?handler=CheckIn");

    private Task<Booking> BookingAsync(int id) =>
        app.GetAsync(sp => sp.GetRequiredService<ClinicDbContext>().Bookings.Include(b => b.History).SingleAsync(b => b.Id == id));

    [Fact]
    public async Task A_re_screen_with_active_acne_stops_the_sitting_and_marks_it_not_performed()
    {
        var (plan, bookingId) = await BookedTodayAsync();
        var frontDesk = await app.LoginAsAsync(Roles.FrontDesk);
        var clinician = await app.LoginAsAsync(Roles.Clinician);
        Assert.Equal(HttpStatusCode.Redirect, (await CheckInAsync(frontDesk, bookingId)).StatusCode);

        var before = await clinician.GetDocumentAsync($"/Bookings/Details/{bookingId}");
        Assert.Contains("must re-screen the patient today", before.QuerySelector("[data-testid=start-guard]")!.TextContent);

        var response = await clinician.PostFormAsync($"/Sittings/ReScreen/{bookingId}", Answers(acne: "true"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var booking = await BookingAsync(bookingId);
        Assert.Equal(BookingStatus.NotPerformed, booking.Status);
        Assert.Contains("Active acne", booking.NotPerformedReason);
        Assert.Contains(booking.History, e => e.Kind == BookingEventKind.NotPerformed && e.CreatedBy == "clinician@tests.clinic");
        var screening = await app.GetAsync(sp => sp.GetRequiredService<ClinicDbContext>().Screenings.SingleAsync(s => s.BookingId == bookingId));
        Assert.Equal(new DateOnly(2026, 3, 10), screening.ScreenedOn);
        var details = await clinician.GetDocumentAsync($"/Bookings/Details/{bookingId}");
        Assert.Contains("Not performed: Active acne", details.QuerySelector("[data-testid=booking-status]")!.TextContent);

        // Front desk learns that the sitting was stopped, not why: the reason is a screening answer.
        var frontDeskView = await frontDesk.GetDocumentAsync($"/Bookings/Details/{bookingId}");
        Assert.Contains("Not performed", frontDeskView.QuerySelector("[data-testid=booking-status]")!.TextContent);
        Assert.DoesNotContain("active acne", frontDeskView.Body!.TextContent, StringComparison.OrdinalIgnoreCase);
        var patientView = await frontDesk.GetDocumentAsync($"/Patients/Details/{plan.PatientId}");
        Assert.Contains("not performed", patientView.QuerySelector("[data-testid=sitting-1]")!.TextContent);
        Assert.DoesNotContain("active acne", patientView.Body!.TextContent, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_new_pregnancy_at_the_re_screen_holds_the_needling_until_a_clearance_is_recorded()
    {
        var (_, bookingId) = await BookedTodayAsync();
        var clinician = await app.LoginAsAsync(Roles.Clinician);
        await CheckInAsync(clinician, bookingId);

        await clinician.PostFormAsync($"/Sittings/ReScreen/{bookingId}", Answers(pregnancy: "Yes"));

        var waiting = await clinician.GetDocumentAsync($"/Bookings/Details/{bookingId}");
        Assert.Contains("clearance is required", waiting.QuerySelector("[data-testid=start-guard]")!.TextContent);
        Assert.Equal(BookingStatus.CheckedIn, (await BookingAsync(bookingId)).Status);

        var screeningId = await app.GetAsync(sp => sp.GetRequiredService<ClinicDbContext>().Screenings.Where(s => s.BookingId == bookingId).Select(s => s.Id).SingleAsync());
        await clinician.PostFormAsync($"/Screening/Clearance/{screeningId}",
            new Dictionary<string, string> { ["Input.DoctorName"] = "Dr Obi", ["Input.ClearedOn"] = "2026-03-10" });

        var ready = await clinician.GetDocumentAsync($"/Bookings/Details/{bookingId}");
        Assert.Contains("the needling can start", ready.QuerySelector("[data-testid=start-guard]")!.TextContent);
    }

    [Fact]
    public async Task A_severe_side_effect_blocks_the_next_check_in_and_booking_until_a_clinician_reviews_it()
    {
        var (plan, bookingId) = await BookedTodayAsync(number: 2);
        var frontDesk = await app.LoginAsAsync(Roles.FrontDesk);
        var clinician = await app.LoginAsAsync(Roles.Clinician);

        var reported = await frontDesk.PostFormAsync($"/SideEffects/Create?patientId={plan.PatientId}", new Dictionary<string, string>
        {
            ["Input.PatientId"] = plan.PatientId.ToString(),
            ["Input.Kind"] = "3",
            ["Input.Severity"] = "2",
            ["Input.OnsetDate"] = "2026-03-08",
            ["Input.Description"] = "Warm, swollen and tender on the left cheek.",
            ["Input.ActionTaken"] = "Told to come in today.",
        });
        Assert.Equal(HttpStatusCode.Redirect, reported.StatusCode);

        var refused = await CheckInAsync(frontDesk, bookingId);
        Assert.Contains("on hold until a clinician reviews a reported side effect", (await refused.ReadDocumentAsync()).ErrorSummary());
        Assert.Equal(BookingStatus.Booked, (await BookingAsync(bookingId)).Status);
        var rebook = await app.GetAsync(sp => sp.GetRequiredService<BookingService>().BookAsync(new BookSittingCommand
        {
            SittingId = plan.Sittings.Single(s => s.Number == 3).Id,
            ClinicianId = "x",
            RoomId = 1,
            Date = new DateOnly(2026, 4, 14),
            Time = new TimeOnly(10, 0),
        }));
        Assert.Contains(rebook.Errors, e => e.Message.Contains("on hold"));

        var patientPage = await frontDesk.GetDocumentAsync($"/Patients/Details/{plan.PatientId}");
        Assert.NotNull(patientPage.QuerySelector("[data-testid=course-hold]"));
        Assert.DoesNotContain("Infection", patientPage.Body!.TextContent);
        Assert.DoesNotContain("swollen", patientPage.Body!.TextContent);
        var calendar = await frontDesk.GetDocumentAsync("/Calendar?date=2026-03-10");
        Assert.Contains("Course on hold", calendar.QuerySelector($"[data-testid=booking-{bookingId}]")!.TextContent);

        var effectId = await app.GetAsync(sp => sp.GetRequiredService<ClinicDbContext>().SideEffects.Where(e => e.PatientId == plan.PatientId).Select(e => e.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await frontDesk.GetAsync($"/SideEffects/Review/{effectId}")).StatusCode);
        var list = await clinician.GetDocumentAsync("/SideEffects/NeedsReview");
        Assert.Contains(list.QuerySelectorAll("tbody tr"), row => row.TextContent.Contains("Course on hold") && row.QuerySelector($"a[href='/SideEffects/Review/{effectId}']") is not null);

        var noNote = await clinician.PostFormAsync($"/SideEffects/Review/{effectId}", new Dictionary<string, string> { ["Input.Outcome"] = "ContinueCourse", ["Input.Note"] = "" });
        Assert.Equal("Write a note for the review.", (await noNote.ReadDocumentAsync()).FieldError("Input.Note"));
        var reviewed = await clinician.PostFormAsync($"/SideEffects/Review/{effectId}", new Dictionary<string, string>
        {
            ["Input.Outcome"] = "ContinueCourse",
            ["Input.Note"] = "Seen in clinic; antibiotics started, healing. Continue.",
        });
        Assert.Equal(HttpStatusCode.Redirect, reviewed.StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await CheckInAsync(frontDesk, bookingId)).StatusCode);
        Assert.Equal(BookingStatus.CheckedIn, (await BookingAsync(bookingId)).Status);
    }

    [Fact]
    public async Task Redness_that_lasts_longer_than_the_threshold_prompts_a_review_without_blocking()
    {
        var (plan, bookingId) = await BookedTodayAsync(number: 2);
        var frontDesk = await app.LoginAsAsync(Roles.FrontDesk);
        var clinician = await app.LoginAsAsync(Roles.Clinician);

        await frontDesk.PostFormAsync($"/SideEffects/Create?patientId={plan.PatientId}", new Dictionary<string, string>
        {
            ["Input.PatientId"] = plan.PatientId.ToString(),
            ["Input.Kind"] = "1",
            ["Input.Severity"] = "1",
            ["Input.OnsetDate"] = "2026-02-25",
            ["Input.Description"] = "Still a little red.",
        });

        var list = await clinician.GetDocumentAsync("/SideEffects/NeedsReview");
        Assert.Contains(list.QuerySelectorAll("tbody tr"), row => row.TextContent.Contains("Review prompt") && row.TextContent.Contains("Redness since 25 Feb"));
        Assert.Equal(HttpStatusCode.Redirect, (await CheckInAsync(frontDesk, bookingId)).StatusCode);
    }

    [Fact]
    public async Task Front_desk_cannot_re_screen()
    {
        var (_, bookingId) = await BookedTodayAsync();
        var frontDesk = await app.LoginAsAsync(Roles.FrontDesk);

        Assert.Equal(HttpStatusCode.Forbidden, (await frontDesk.GetAsync($"/Sittings/ReScreen/{bookingId}")).StatusCode);
        var posted = await frontDesk.PostFormAsync("/Patients", Answers(acne: "true"), $"/Sittings/ReScreen/{bookingId}");
        Assert.Equal(HttpStatusCode.Forbidden, posted.StatusCode);
        Assert.Equal(BookingStatus.Booked, (await BookingAsync(bookingId)).Status);
    }
}
