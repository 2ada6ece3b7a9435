using MicroNeedling.Clinic.Bookings;
using MicroNeedling.Clinic.ClinicSetup;
using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.Screening;
using MicroNeedling.Clinic.Sittings;
using MicroNeedling.Clinic.Staff;
using MicroNeedling.Clinic.Tests.Support;
using Microsoft.EntityFrameworkCore;
using ScreeningRecord = MicroNeedling.Clinic.Screening.Screening;

namespace MicroNeedling.Clinic.Tests.Sittings;

public sealed class ReScreenAtCheckInTests
{
    /// <summary>A patient checked in for today's 14:00 sitting, screened suitable earlier today.</summary>
    private static async Task<(ClinicTestHost Host, int BookingId)> CheckedInAsync()
    {
        var host = new ClinicTestHost();
        var patientId = await host.CreateScreenedPatientAsync();
        var plan = await host.PlanCourseAsync(patientId);
        var bookingId = await host.QueryAsync(async db =>
        {
            var clinician = new StaffUser { UserName = "c@tests.clinic", DisplayName = "Dr Check" };
            db.Users.Add(clinician);
            var room = new Room { Name = "Room 1" };
            db.Rooms.Add(room);
            await db.SaveChangesAsync();
            var start = new DateTime(2026, 3, 10, 14, 0, 0, DateTimeKind.Utc);
            var booking = new Booking
            {
                PlannedSittingId = plan.Sittings.Single(s => s.Number == 1).Id,
                PatientId = patientId,
                ClinicianId = clinician.Id,
                RoomId = room.Id,
                Status = BookingStatus.CheckedIn,
                StartUtc = start,
                NeedlingStartUtc = start.AddMinutes(30),
                EndUtc = start.AddMinutes(60),
            };
            db.Bookings.Add(booking);
            await db.SaveChangesAsync();
            return booking.Id;
        });
        return (host, bookingId);
    }

    public static TheoryData<string, BookingStatus, bool> Answers => new()
    {
        // the one "yes", the booking's status afterwards, whether the needling may start
        { "none", BookingStatus.CheckedIn, true },
        { "eczema", BookingStatus.NotPerformed, false },
        { "psoriasis", BookingStatus.NotPerformed, false },
        { "active acne", BookingStatus.NotPerformed, false },
        { "open wounds", BookingStatus.NotPerformed, false },
        { "pregnancy", BookingStatus.CheckedIn, false },
        { "radiation", BookingStatus.CheckedIn, false },
    };

    [Theory]
    [MemberData(nameof(Answers))]
    public async Task The_re_screen_decides_whether_the_sitting_goes_ahead(string yes, BookingStatus status, bool mayStart)
    {
        var (host, bookingId) = await CheckedInAsync();
        using var _ = host;
        var answers = Commands.NoToEverything(0);
        switch (yes)
        {
            case "eczema": answers.Eczema = true; break;
            case "psoriasis": answers.Psoriasis = true; break;
            case "active acne": answers.ActiveAcne = true; break;
            case "open wounds": answers.OpenWounds = true; break;
            case "pregnancy": answers.Pregnancy = PregnancyAnswer.Yes; break;
            case "radiation": answers.RadiationTherapy = true; answers.RadiationDate = new DateOnly(2026, 1, 5); break;
        }

        var result = await host.RunAsync<CheckInService, ServiceResult<ReScreenOutcome>>(s => s.ReScreenAsync(bookingId, answers));

        Assert.True(result.Succeeded);
        Assert.Equal(status == BookingStatus.NotPerformed, result.Value!.SittingStopped);
        var booking = await host.QueryAsync(db => db.Bookings.SingleAsync(b => b.Id == bookingId));
        Assert.Equal(status, booking.Status);
        Assert.Equal(new DateOnly(2026, 3, 10), result.Value.Screening.ScreenedOn);
        Assert.Equal(bookingId, result.Value.Screening.BookingId);
        var refusal = await host.RunAsync<SittingGuard, string?>(g => g.StartRefusalAsync(booking));
        Assert.Equal(mayStart, refusal is null);
    }

    [Fact]
    public async Task Without_a_screening_today_the_needling_cannot_start()
    {
        var (host, bookingId) = await CheckedInAsync();
        using var _ = host;
        // The patient was screened before today (the screening is still valid): today's re-screen is still needed.
        await host.QueryAsync(db => db.Screenings.ExecuteUpdateAsync(u => u.SetProperty(s => s.ScreenedOn, s => s.ScreenedOn.AddDays(-3))));
        var booking = await host.QueryAsync(db => db.Bookings.SingleAsync(b => b.Id == bookingId));

        var refusal = await host.RunAsync<SittingGuard, string?>(g => g.StartRefusalAsync(booking));

        Assert.Contains("re-screen the patient today", refusal);
    }

    [Fact]
    public async Task A_patient_screened_earlier_today_is_not_asked_again_at_check_in()
    {
        // Screened at 09:00, checked in later the same morning: that screening is today's (issue 14, item 5).
        var (host, bookingId) = await CheckedInAsync();
        using var _ = host;
        var booking = await host.QueryAsync(db => db.Bookings.SingleAsync(b => b.Id == bookingId));

        var refusal = await host.RunAsync<SittingGuard, string?>(g => g.StartRefusalAsync(booking));
        var today = await host.RunAsync<ScreeningService, ScreeningRecord?>(s => s.TodaysAsync(booking.PatientId));

        Assert.Null(refusal);
        Assert.NotNull(today);
    }
}
