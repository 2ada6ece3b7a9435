using MicroNeedling.Clinic.Bookings;
using MicroNeedling.Clinic.ClinicSetup;
using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.CourseScheduling;
using MicroNeedling.Clinic.Plans;
using MicroNeedling.Clinic.Staff;
using MicroNeedling.Clinic.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MicroNeedling.Clinic.Tests.Scheduling;

/// <summary>
/// Bookings through the real BookingService on SQLite, in clinics on both sides of the Atlantic, across both clock
/// changes of 2026 (London: 29 March and 25 October; New York: 8 March and 1 November).
/// </summary>
public sealed class BookingAcrossDaylightSavingTests
{
    private sealed record Clinic(ClinicTestHost Host, string ClinicianId, int RoomId, CoursePlan Plan);

    private static async Task<Clinic> OpenClinicAsync(string zone, DateTimeOffset now, string opens = "08:00", string closes = "20:00")
    {
        var host = new ClinicTestHost(now);
        await host.ChangeSettingsAsync(s =>
        {
            s.TimeZoneId = zone;
            s.ScreeningValidityDays = 365; // so that one screening covers the whole course under test
        });
        var (clinicianId, roomId) = await host.QueryAsync(async db =>
        {
            var clinician = new StaffUser { UserName = "dst@tests.clinic", NormalizedUserName = "DST@TESTS.CLINIC", DisplayName = "Dr Clock" };
            db.Users.Add(clinician);
            db.UserRoles.Add(new Microsoft.AspNetCore.Identity.IdentityUserRole<string> { UserId = clinician.Id, RoleId = Roles.IdOf(Roles.Clinician) });
            foreach (var day in Enum.GetValues<DayOfWeek>())
            {
                db.ClinicianHours.Add(new ClinicianHours { ClinicianId = clinician.Id, Day = day, Start = TimeOnly.Parse(opens), End = TimeOnly.Parse(closes) });
            }

            var room = new Room { Name = "Room 1" };
            db.Rooms.Add(room);
            await db.OpeningHours.ExecuteUpdateAsync(u => u
                .SetProperty(h => h.IsOpen, true).SetProperty(h => h.Opens, TimeOnly.Parse(opens)).SetProperty(h => h.Closes, TimeOnly.Parse(closes)));
            await db.SaveChangesAsync();
            return (clinician.Id, room.Id);
        });
        var patientId = await host.CreateScreenedPatientAsync();
        return new Clinic(host, clinicianId, roomId, await host.PlanCourseAsync(patientId));
    }

    private static Task<ServiceResult<BookingOutcome>> BookAsync(Clinic clinic, int number, string date, string time) =>
        clinic.Host.RunAsync<BookingService, ServiceResult<BookingOutcome>>(s => s.BookAsync(new BookSittingCommand
        {
            SittingId = clinic.Plan.Sittings.Single(x => x.Number == number).Id,
            ClinicianId = clinic.ClinicianId,
            RoomId = clinic.RoomId,
            Date = DateOnly.Parse(date),
            Time = TimeOnly.Parse(time),
        }));

    private static Task<List<DateTime>> StartsAsync(Clinic clinic) =>
        clinic.Host.QueryAsync(db => db.Bookings.OrderBy(b => b.StartUtc).Select(b => b.StartUtc).ToListAsync());

    public static TheoryData<string, string, string, string, string> CoursesAcrossAChange => new()
    {
        // zone, sitting 1 (before), sitting 2 (28 calendar days later, after the change), UTC of sitting 1, UTC of sitting 2
        { "Europe/London", "2026-03-10", "2026-04-07", "2026-03-10T10:00:00Z", "2026-04-07T09:00:00Z" },
        { "Europe/London", "2026-10-06", "2026-11-03", "2026-10-06T09:00:00Z", "2026-11-03T10:00:00Z" },
        { "America/New_York", "2026-03-03", "2026-03-31", "2026-03-03T15:00:00Z", "2026-03-31T14:00:00Z" },
        { "America/New_York", "2026-10-13", "2026-11-10", "2026-10-13T14:00:00Z", "2026-11-10T15:00:00Z" },
    };

    [Theory]
    [MemberData(nameof(CoursesAcrossAChange))]
    public async Task A_sitting_at_ten_local_stays_at_ten_local_and_28_calendar_days_are_enough_across_a_change(
        string zone, string first, string second, string firstUtc, string secondUtc)
    {
        var clinic = await OpenClinicAsync(zone, DateTimeOffset.Parse(first).AddDays(-1));
        using var host = clinic.Host;

        var one = await BookAsync(clinic, 1, first, "10:00");
        var two = await BookAsync(clinic, 2, second, "10:00");

        Assert.True(one.Succeeded, string.Join("; ", one.Errors.Select(e => e.Message)));
        Assert.True(two.Succeeded, string.Join("; ", two.Errors.Select(e => e.Message)));
        Assert.Null(two.Value!.Warning);
        var starts = await StartsAsync(clinic);
        Assert.Equal([DateTime.Parse(firstUtc).ToUniversalTime(), DateTime.Parse(secondUtc).ToUniversalTime()], starts);
        var local = ClinicTime.For(zone);
        Assert.All(starts, s => Assert.Equal(new TimeOnly(10, 0), TimeOnly.FromDateTime(local.ToLocal(s))));
    }

    [Theory]
    [InlineData("Europe/London", "2026-03-10", "2026-04-06")]
    [InlineData("America/New_York", "2026-03-03", "2026-03-30")]
    public async Task Twenty_seven_calendar_days_are_refused_even_when_the_clock_change_makes_them_longer(string zone, string first, string second)
    {
        var clinic = await OpenClinicAsync(zone, DateTimeOffset.Parse(first).AddDays(-1));
        using var host = clinic.Host;
        await BookAsync(clinic, 1, first, "10:00");

        var refused = await BookAsync(clinic, 2, second, "10:00");

        Assert.Contains(refused.Errors, e => e.Field == nameof(BookSittingCommand.Date) && e.Message.Contains("at least 28 days after sitting 1"));
    }

    [Theory]
    [InlineData("Europe/London", "2026-03-29", "01:30")]
    [InlineData("America/New_York", "2026-03-08", "02:30")]
    public async Task A_time_in_the_spring_forward_gap_is_refused_with_a_clear_message(string zone, string date, string time)
    {
        var clinic = await OpenClinicAsync(zone, DateTimeOffset.Parse(date).AddDays(-2));
        using var host = clinic.Host;

        var refused = await BookAsync(clinic, 1, date, time);

        Assert.Contains(refused.Errors, e => e.Field == nameof(BookSittingCommand.Time) && e.Message.Contains($"does not exist in {zone}"));
        Assert.Empty(await StartsAsync(clinic));
    }

    [Theory]
    [InlineData("America/New_York", "2026-11-01", "01:30", "2026-11-01T05:30:00Z")]
    [InlineData("Europe/London", "2026-10-25", "01:00", "2026-10-25T00:00:00Z")]
    [InlineData("Europe/London", "2026-10-25", "01:30", "2026-10-25T00:30:00Z")]
    public async Task A_visit_spanning_the_autumn_clock_change_is_booked_in_a_clinic_open_round_the_clock(string zone, string date, string time, string startUtc)
    {
        // It was refused with "must fit within opening hours, 00:00–23:59": the end read earlier on the wall clock than
        // the start. Hours are compared on the wall clock, overlaps as instants; the earlier of the two times is meant.
        var clinic = await OpenClinicAsync(zone, DateTimeOffset.Parse(date).AddDays(-2), "00:00", "23:59");
        using var host = clinic.Host;

        var booked = await BookAsync(clinic, 1, date, time);

        Assert.True(booked.Succeeded, string.Join("; ", booked.Errors.Select(e => e.Message)));
        Assert.Equal([DateTime.Parse(startUtc).ToUniversalTime()], await StartsAsync(clinic));
    }

    [Theory]
    [InlineData("America/New_York", "2026-11-01T05:20:00Z", "01:30")]
    [InlineData("Europe/London", "2026-10-24T23:50:00Z", "01:00")]
    public async Task What_the_course_scheduler_proposes_across_the_autumn_change_its_confirm_books(string zone, string nowUtc, string firstLocal)
    {
        var clinic = await OpenClinicAsync(zone, DateTimeOffset.Parse(nowUtc), "00:00", "23:59");
        using var host = clinic.Host;

        var proposed = await host.RunAsync<CourseBookingService, ServiceResult<List<CourseLine>>>(s => s.ProposeAsync(clinic.Plan.Id, new CoursePreferences()));
        Assert.True(proposed.Succeeded, string.Join("; ", proposed.Errors.Select(e => e.Message)));
        var lines = proposed.Value!;
        Assert.All(lines, l => Assert.Null(l.Problem));
        var first = lines.Single(l => l.Number == 1);
        Assert.Equal((DateOnly.FromDateTime(DateTime.Parse(nowUtc).ToUniversalTime().AddHours(2)), TimeOnly.Parse(firstLocal)), (first.Date!.Value, first.Time!.Value)); // spans the change
        var booked = await host.RunAsync<CourseBookingService, ServiceResult<CourseBookingOutcome>>(s => s.BookAsync(new BookCourseCommand { PlanId = clinic.Plan.Id, Lines = lines }));

        Assert.True(booked.Succeeded, string.Join("; ", booked.Errors.Select(e => e.Message)));
        Assert.Equal(6, booked.Value!.Booked);
    }
}
