using System.Text.Json;
using MicroNeedling.Clinic.Bookings;
using MicroNeedling.Clinic.ClinicSetup;
using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.CourseScheduling;
using MicroNeedling.Clinic.Photos;
using MicroNeedling.Clinic.Plans;
using MicroNeedling.Clinic.Sittings;
using MicroNeedling.Clinic.Staff;
using MicroNeedling.Clinic.Tests.Messaging;
using MicroNeedling.Clinic.Tests.Support;
using MicroNeedling.Clinic.Today;
using MicroNeedling.Clinic.Waitlist;
using Microsoft.EntityFrameworkCore;

namespace MicroNeedling.Clinic.Tests.Today;

/// <summary>
/// The start pages' day: each sitting's status and what is due before it, who is late, the next free gap, the waitlist's
/// candidates for a cancelled slot, what front desk is (not) given, and a fixed number of SQL commands. The clinic is open
/// 08:00–20:00 in London (GMT in March, so local time is UTC); today is Tuesday 10 March 2026.
/// </summary>
public sealed class TodayServiceTests : IAsyncLifetime
{
    private static readonly DateOnly Today = new(2026, 3, 10);

    private MailingClinic clinic = default!;

    private ClinicTestHost Host => clinic.Host;

    public async Task InitializeAsync()
    {
        clinic = await MailingClinic.OpenAsync(new DateTimeOffset(2026, 3, 10, 10, 0, 0, TimeSpan.Zero));
        Host.User.UserId = clinic.ClinicianId;
    }

    public Task DisposeAsync()
    {
        clinic.Dispose();
        return Task.CompletedTask;
    }

    private void SetNow(int hour, int minute) => Host.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 10, hour, minute, 0, TimeSpan.Zero));

    private Task<ClinicianDay> MyDayAsync() => Host.RunAsync<TodayService, ClinicianDay>(s => s.ClinicianDayAsync(clinic.ClinicianId));

    private Task<FrontDeskDay> FrontDeskAsync() => Host.RunAsync<TodayService, FrontDeskDay>(s => s.FrontDeskDayAsync());

    private Task<int> RoomAsync(string name) => Host.QueryAsync(async db =>
    {
        var room = new Room { Name = name };
        db.Rooms.Add(room);
        await db.SaveChangesAsync();
        return room.Id;
    });

    private Task<string> ClinicianAsync(string name) => Host.QueryAsync(async db =>
    {
        var clinician = new StaffUser { UserName = $"{name}@tests.clinic", NormalizedUserName = $"{name.ToUpperInvariant()}@TESTS.CLINIC", DisplayName = $"Dr {name}" };
        db.Users.Add(clinician);
        db.UserRoles.Add(new Microsoft.AspNetCore.Identity.IdentityUserRole<string> { UserId = clinician.Id, RoleId = Roles.IdOf(Roles.Clinician) });
        foreach (var day in Enum.GetValues<DayOfWeek>())
        {
            db.ClinicianHours.Add(new ClinicianHours { ClinicianId = clinician.Id, Day = day, Start = new TimeOnly(8, 0), End = new TimeOnly(20, 0) });
        }

        await db.SaveChangesAsync();
        return clinician.Id;
    });

    /// <summary>A booking put straight into the database today at <paramref name="time"/> (the booking rules are not under test here).</summary>
    private Task<int> InsertAsync(CoursePlan plan, string time, BookingStatus status, string? clinicianId = null, int? roomId = null, int number = 1) =>
        Host.QueryAsync(async db =>
        {
            var start = Today.ToDateTime(TimeOnly.Parse(time), DateTimeKind.Utc);
            var booking = new Booking
            {
                PlannedSittingId = plan.Sittings.Single(s => s.Number == number).Id,
                PatientId = plan.PatientId,
                ClinicianId = clinicianId ?? clinic.ClinicianId,
                RoomId = roomId ?? clinic.RoomId,
                Status = status,
                StartUtc = start,
                NeedlingStartUtc = start.AddMinutes(30),
                EndUtc = start.AddMinutes(60),
            };
            db.Bookings.Add(booking);
            await db.SaveChangesAsync();
            return booking.Id;
        });

    /// <summary>Moves the patient's screenings back three days: still valid, but not today's, so the check-in re-screen is due.</summary>
    private Task<int> ScreenedDaysAgoAsync(int patientId) =>
        Host.QueryAsync(db => db.Screenings.Where(s => s.PatientId == patientId).ExecuteUpdateAsync(u => u.SetProperty(s => s.ScreenedOn, s => s.ScreenedOn.AddDays(-3))));

    private async Task RecordSideEffectAsync(int patientId, SideEffectKind kind, string description)
    {
        var result = await Host.RunAsync<SideEffectService, ServiceResult<SideEffect>>(s => s.RecordAsync(new RecordSideEffectCommand
        {
            PatientId = patientId,
            Kind = kind,
            Severity = Severity.Moderate,
            OnsetDate = Today.AddDays(-1),
            Description = description,
            ActionTaken = "Told to see her doctor",
        }));
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Message)));
    }

    [Fact]
    public async Task Each_sitting_shows_its_status_in_start_order_and_only_the_clinicians_own()
    {
        SetNow(13, 10);
        var other = await ClinicianAsync("Other");
        var otherRoom = await RoomAsync("Room 2");
        var plans = new List<CoursePlan>();
        for (var i = 0; i < 9; i++)
        {
            plans.Add(await clinic.PatientWithCourseAsync("P" + (char)('a' + i)));
        }

        await ScreenedDaysAgoAsync(plans[3].PatientId);
        var notPerformed = await InsertAsync(plans[8], "16:00", BookingStatus.NotPerformed);
        var completed = await InsertAsync(plans[0], "08:00", BookingStatus.Completed);
        var noShow = await InsertAsync(plans[1], "09:00", BookingStatus.NoShow);
        var reScreened = await InsertAsync(plans[2], "10:00", BookingStatus.CheckedIn);
        var arrived = await InsertAsync(plans[3], "11:00", BookingStatus.CheckedIn);
        var late = await InsertAsync(plans[4], "12:00", BookingStatus.Booked);
        var justLate = await InsertAsync(plans[5], "13:00", BookingStatus.Booked);
        var due = await InsertAsync(plans[6], "14:00", BookingStatus.Booked);
        var cancelled = await InsertAsync(plans[7], "15:00", BookingStatus.Cancelled);
        var othersPlan = await clinic.PatientWithCourseAsync("Zed");
        var others = await InsertAsync(othersPlan, "14:00", BookingStatus.Booked, other, otherRoom);

        var day = await MyDayAsync();

        Assert.Equal(
            [(completed, SittingStage.Completed), (noShow, SittingStage.NoShow), (reScreened, SittingStage.ReScreened), (arrived, SittingStage.Arrived),
             (late, SittingStage.Late), (justLate, SittingStage.Late), (due, SittingStage.Due), (cancelled, SittingStage.Cancelled), (notPerformed, SittingStage.NotPerformed)],
            day.Sittings.Select(s => (s.BookingId, s.Stage)));
        Assert.DoesNotContain(day.Sittings, s => s.BookingId == others);
        Assert.Equal((new DateTime(2026, 3, 10, 12, 0, 0), "Room 1", "Pe Smith"), (day.Sittings[4].LocalStart, day.Sittings[4].RoomName, day.Sittings[4].PatientName));
        Assert.Equal([late], day.Sittings.Where(s => s.MayMarkNoShow).Select(s => s.BookingId));

        var frontDesk = await FrontDeskAsync();
        Assert.Equal([completed, noShow, reScreened, arrived, late, justLate, due, others, notPerformed], frontDesk.Arrivals.Select(a => a.BookingId));
        Assert.Equal([late, justLate], frontDesk.Late.Select(a => a.BookingId));
        Assert.Equal([cancelled], frontDesk.Cancellations.Select(c => c.Sitting.BookingId));
        Assert.Equal("Dr Other", frontDesk.Arrivals.Single(a => a.BookingId == others).ClinicianName);
    }

    [Fact]
    public async Task What_is_due_before_a_sitting_is_the_re_screen_the_consent_the_photos_and_a_hold()
    {
        var room2 = await RoomAsync("Room 2");
        var ready = await clinic.PatientWithCourseAsync("Ready"); // screened today, consent signed with photos
        var needsAll = await Host.CreateScreenedPatientAsync("Needs", "All");
        var needsAllPlan = await Host.PlanCourseAsync(needsAll, signConsent: false);
        await ScreenedDaysAgoAsync(needsAll);
        var noPhotos = await Host.CreateScreenedPatientAsync("No", "Photos");
        var noPhotosPlan = await Host.PlanCourseAsync(noPhotos, signConsent: false);
        await Host.SignConsentAsync(noPhotosPlan.Id, photosForClinicalRecord: false);
        var held = await clinic.PatientWithCourseAsync("Held");
        await RecordSideEffectAsync(held.PatientId, SideEffectKind.Infection, "Infected papules on the chin");
        var photographed = await clinic.PatientWithCourseAsync("Snap");

        var readyBooking = await InsertAsync(ready, "11:00", BookingStatus.Booked);
        var needsAllBooking = await InsertAsync(needsAllPlan, "12:00", BookingStatus.Booked);
        var noPhotosBooking = await InsertAsync(noPhotosPlan, "13:00", BookingStatus.Booked);
        var heldBooking = await InsertAsync(held, "14:00", BookingStatus.Booked);
        var photographedBooking = await InsertAsync(photographed, "11:00", BookingStatus.CheckedIn, roomId: room2, clinicianId: await ClinicianAsync("Two"));
        await Host.QueryAsync(async db =>
        {
            db.SittingPhotos.Add(new SittingPhoto
            {
                PatientId = photographed.PatientId,
                CoursePlanId = photographed.Id,
                BookingId = photographedBooking,
                SittingNumber = 1,
                TakenOn = Today,
                Area = NeedlingArea.CheeksAndChin,
                View = PhotoView.Front,
                DisplayKey = "d",
                ThumbnailKey = "t",
                Width = 1,
                Height = 1,
            });
            return await db.SaveChangesAsync();
        });

        var sittings = (await FrontDeskAsync()).Arrivals.ToDictionary(s => s.BookingId);

        (bool ReScreen, bool Consent, bool Photos, bool Hold) Due(int id) => (sittings[id].ReScreenDue, sittings[id].ConsentToSign, sittings[id].PhotosToTake, sittings[id].OnHold);
        Assert.Equal((false, false, true, false), Due(readyBooking));
        Assert.Equal((true, true, false, false), Due(needsAllBooking));
        Assert.Equal((false, false, false, false), Due(noPhotosBooking));
        Assert.Equal((false, false, true, true), Due(heldBooking));
        Assert.Equal((false, false, false, false), Due(photographedBooking));
        Assert.False(sittings[noPhotosBooking].HasSomethingDue);
    }

    [Theory]
    [InlineData(10, 50, SittingStage.ReScreened)]
    [InlineData(11, 0, SittingStage.Numbing)]
    [InlineData(11, 29, SittingStage.Numbing)]
    [InlineData(11, 30, SittingStage.ReScreened)]
    public async Task A_re_screened_patient_is_numbing_from_the_start_until_the_needling_is_due(int hour, int minute, SittingStage expected)
    {
        // PatientWithCourseAsync screens the patient today; the sitting starts at 11:00 with 30 minutes of numbing.
        var plan = await clinic.PatientWithCourseAsync();
        await InsertAsync(plan, "11:00", BookingStatus.CheckedIn);
        SetNow(hour, minute);

        var sitting = (await MyDayAsync()).Sittings.Single();

        Assert.Equal(expected, sitting.Stage);
        Assert.Equal(new DateTime(2026, 3, 10, 11, 30, 0), sitting.LocalNeedlingStart);
    }

    [Fact]
    public async Task A_patient_is_late_once_the_start_passes_and_may_be_marked_a_no_show_after_the_grace_period()
    {
        var plan = await clinic.PatientWithCourseAsync();
        var booking = await InsertAsync(plan, "11:00", BookingStatus.Booked);

        async Task<(SittingStage Stage, bool NoShow, bool InLateList)> AtAsync(int hour, int minute)
        {
            SetNow(hour, minute);
            var day = await FrontDeskAsync();
            var s = day.Arrivals.Single();
            return (s.Stage, s.MayMarkNoShow, day.Late.Any(l => l.BookingId == booking));
        }

        Assert.Equal((SittingStage.Due, false, false), await AtAsync(11, 0));
        Assert.Equal((SittingStage.Late, false, true), await AtAsync(11, 5));
        Assert.Equal(new DateTime(2026, 3, 10, 11, 15, 0), (await FrontDeskAsync()).Arrivals.Single().LocalNoShowFrom);
        Assert.Equal((SittingStage.Late, true, true), await AtAsync(11, 15));

        // Marked a no-show, the patient is no longer late.
        Assert.True((await Host.RunAsync<BookingService, ServiceResult>(s => s.MarkNoShowAsync(booking))).Succeeded);
        Assert.Equal((SittingStage.NoShow, false, false), await AtAsync(11, 20));

        // The grace period is the clinic's setting.
        var second = await clinic.PatientWithCourseAsync("Second");
        await InsertAsync(second, "12:00", BookingStatus.Booked);
        await Host.ChangeSettingsAsync(s => s.NoShowGraceMinutes = 30);
        SetNow(12, 20);
        Assert.False((await FrontDeskAsync()).Arrivals.Single(a => a.PatientId == second.PatientId).MayMarkNoShow);
        SetNow(12, 30);
        Assert.True((await FrontDeskAsync()).Arrivals.Single(a => a.PatientId == second.PatientId).MayMarkNoShow);
    }

    [Fact]
    public async Task The_next_free_gap_is_where_a_whole_appointment_fits_under_the_slot_policy()
    {
        // 60-minute appointments (30 numbing + 15 needling + 15 turnover); now 10:00. Busy 10:00–12:00 and 12:30–13:30:
        // 12:00 is too short a gap, so the next is 13:30 until the end of the day.
        var a = await clinic.PatientWithCourseAsync("A");
        var b = await clinic.PatientWithCourseAsync("B");
        var c = await clinic.PatientWithCourseAsync("C");
        await InsertAsync(a, "10:00", BookingStatus.CheckedIn);
        await InsertAsync(b, "11:00", BookingStatus.Booked);
        await InsertAsync(c, "12:30", BookingStatus.Booked);

        var day = await MyDayAsync();

        Assert.Equal(new FreeGap(new TimeOnly(13, 30), new TimeOnly(20, 0)), day.NextGap);
        Assert.Equal((new TimeOnly(8, 0), new TimeOnly(20, 0)), day.WorkingHours);
        Assert.Equal(60, day.AppointmentMinutes);

        // A booking later on bounds the gap; the clinician's hours bound it too.
        var d = await clinic.PatientWithCourseAsync("D");
        await InsertAsync(d, "15:00", BookingStatus.Booked);
        Assert.Equal(new FreeGap(new TimeOnly(13, 30), new TimeOnly(15, 0)), (await MyDayAsync()).NextGap);

        // A cancelled booking frees its time.
        await Host.QueryAsync(db => db.Bookings.Where(x => x.PatientId == b.PatientId).ExecuteUpdateAsync(u => u.SetProperty(x => x.Status, BookingStatus.Cancelled)));
        Assert.Equal(new FreeGap(new TimeOnly(11, 0), new TimeOnly(12, 30)), (await MyDayAsync()).NextGap);

        // Not working today (time off): no hours and no gap.
        await Host.QueryAsync(async db =>
        {
            db.TimeOff.Add(new TimeOff { ClinicianId = clinic.ClinicianId, From = Today, To = Today, Reason = "Course" });
            return await db.SaveChangesAsync();
        });
        var off = await MyDayAsync();
        Assert.Null(off.WorkingHours);
        Assert.Null(off.NextGap);
    }

    [Fact]
    public async Task A_full_day_has_no_free_gap_left()
    {
        SetNow(17, 50);
        var plan = await clinic.PatientWithCourseAsync();
        await InsertAsync(plan, "18:00", BookingStatus.Booked);

        // 18:00–19:00 is taken; 19:00–20:00 still fits one appointment.
        Assert.Equal(new FreeGap(new TimeOnly(19, 0), new TimeOnly(20, 0)), (await MyDayAsync()).NextGap);

        SetNow(19, 5);
        Assert.Null((await MyDayAsync()).NextGap);
    }

    [Fact]
    public async Task A_cancelled_slot_of_today_lists_the_waitlisted_patients_who_can_take_it()
    {
        var leaving = await clinic.PatientWithCourseAsync("Lena");
        var freed = await clinic.BookedAsync(leaving, 1, "2026-03-10", "15:00");
        var past = await clinic.BookedAsync(await clinic.PatientWithCourseAsync("Early"), 1, "2026-03-10", "10:00");
        var waiting = await clinic.PatientWithCourseAsync("Wanda");
        Assert.True((await Host.RunAsync<WaitlistService, ServiceResult<int>>(w => w.AddAsync(new AddToWaitlistCommand { PlanId = waiting.Id }))).Succeeded);
        Assert.True((await clinic.CancelAsync(freed)).Succeeded);
        Assert.True((await clinic.CancelAsync(past)).Succeeded);
        SetNow(11, 0);

        var day = await FrontDeskAsync();

        Assert.Equal(1, day.WaitingCount);
        var earlier = day.Cancellations.Single(c => c.Sitting.BookingId == past);
        Assert.False(earlier.SlotAhead);
        Assert.Empty(earlier.Candidates);
        var later = day.Cancellations.Single(c => c.Sitting.BookingId == freed);
        Assert.True(later.SlotAhead && later.CandidatesChecked);
        Assert.Equal((new TimeOnly(15, 0), "Dr Post", "Room 1"), (later.Slot.Time, later.Slot.ClinicianName, later.Slot.RoomName));
        Assert.Equal(["Wanda Smith"], later.Candidates.Select(c => c.Entry.PatientName));
        Assert.Empty(day.Arrivals);
    }

    [Fact]
    public async Task Front_desk_is_given_no_clinical_detail_while_the_clinician_sees_the_review()
    {
        const string Description = "MARKER-side-effect-description";
        var plan = await clinic.PatientWithCourseAsync("Held");
        await RecordSideEffectAsync(plan.PatientId, SideEffectKind.Bleeding, Description);
        var booking = await InsertAsync(plan, "14:00", BookingStatus.Booked);

        Host.User.Roles.Clear();
        Host.User.Roles.Add(Roles.FrontDesk);
        var frontDesk = await FrontDeskAsync();
        var json = JsonSerializer.Serialize(frontDesk);

        Assert.True(frontDesk.Arrivals.Single(a => a.BookingId == booking).OnHold);
        Assert.DoesNotContain(Description, json, StringComparison.Ordinal);
        Assert.DoesNotContain("Told to see her doctor", json, StringComparison.Ordinal);
        Assert.DoesNotContain("Bleeding", json, StringComparison.OrdinalIgnoreCase);

        Host.User.Roles.Clear();
        Host.User.Roles.Add(Roles.Clinician);
        var mine = await MyDayAsync();
        var review = Assert.Single(mine.Reviews);
        Assert.Equal(plan.PatientId, review.PatientId);
        Assert.Equal(Description, Assert.Single(review.Hold.HoldingEffects).Description);
        Assert.True(mine.Sittings.Single().OnHold);
    }

    [Fact]
    public async Task A_record_restricted_to_another_clinician_is_marked_and_its_review_left_out()
    {
        var plan = await clinic.PatientWithCourseAsync("Private");
        await RecordSideEffectAsync(plan.PatientId, SideEffectKind.Peeling, "Peeling on the forehead");
        await InsertAsync(plan, "14:00", BookingStatus.Booked);
        var owner = await ClinicianAsync("Owner");
        await Host.QueryAsync(db => db.Patients.Where(p => p.Id == plan.PatientId).ExecuteUpdateAsync(u => u.SetProperty(p => p.RestrictedToStaffId, owner)));

        var day = await MyDayAsync();

        Assert.True(day.Sittings.Single().RecordHidden);
        Assert.Empty(day.Reviews);
    }

    [Fact]
    public async Task An_empty_day_has_no_sittings_no_arrivals_and_no_cancellations()
    {
        var mine = await MyDayAsync();
        var frontDesk = await FrontDeskAsync();

        Assert.Empty(mine.Sittings);
        Assert.Empty(mine.Reviews);
        Assert.Equal(new FreeGap(new TimeOnly(10, 0), new TimeOnly(20, 0)), mine.NextGap);
        Assert.Empty(frontDesk.Arrivals);
        Assert.Empty(frontDesk.Cancellations);
        Assert.Equal(Today, frontDesk.Date);
    }

    [Fact]
    public async Task The_number_of_SQL_commands_does_not_grow_with_the_number_of_sittings()
    {
        // Something of every kind the day reads: a hold, a photo-consented course, a cancelled slot with someone waiting.
        var waiting = await clinic.PatientWithCourseAsync("Waiting");
        Assert.True((await Host.RunAsync<WaitlistService, ServiceResult<int>>(w => w.AddAsync(new AddToWaitlistCommand { PlanId = waiting.Id }))).Succeeded);
        var cancelledPlan = await clinic.PatientWithCourseAsync("Gone");
        await InsertAsync(cancelledPlan, "19:00", BookingStatus.Cancelled);
        var held = await clinic.PatientWithCourseAsync("Held");
        await RecordSideEffectAsync(held.PatientId, SideEffectKind.Infection, "Infection");
        await InsertAsync(held, "11:00", BookingStatus.Booked);

        async Task<(int Mine, int FrontDesk)> CountAsync()
        {
            Host.Sql.Clear();
            await MyDayAsync();
            var mine = Host.Sql.Commands.Count;
            Host.Sql.Clear();
            await FrontDeskAsync();
            return (mine, Host.Sql.Commands.Count);
        }

        var few = await CountAsync();

        var rooms = new List<int> { clinic.RoomId };
        for (var i = 0; i < 3; i++)
        {
            rooms.Add(await RoomAsync($"Extra {i}"));
        }

        var clinicians = new List<string> { clinic.ClinicianId, await ClinicianAsync("B1"), await ClinicianAsync("B2"), await ClinicianAsync("B3") };
        for (var i = 0; i < 16; i++)
        {
            var plan = await clinic.PatientWithCourseAsync($"Many{i}");
            if (i % 3 == 0)
            {
                await RecordSideEffectAsync(plan.PatientId, SideEffectKind.Bruising, "Bruise");
            }

            // Four columns of four hourly sittings from 12:00; the signed-in clinician has the first column.
            await InsertAsync(plan, $"{12 + (i % 4)}:00", i % 2 == 0 ? BookingStatus.Booked : BookingStatus.CheckedIn, clinicians[i / 4], rooms[i / 4]);
        }

        var many = await CountAsync();

        Assert.Equal(few, many);
        Assert.InRange(few.Mine, 1, 20);
        Assert.InRange(few.FrontDesk, 1, 40);
    }
}
