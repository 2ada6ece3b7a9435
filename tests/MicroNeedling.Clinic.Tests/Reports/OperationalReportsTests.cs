using System.Globalization;
using MicroNeedling.Clinic.Bookings;
using MicroNeedling.Clinic.ClinicSetup;
using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.Reports;
using MicroNeedling.Clinic.Staff;
using MicroNeedling.Clinic.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace MicroNeedling.Clinic.Tests.Reports;

/// <summary>
/// The utilisation and no-show reports over a small London clinic whose numbers were counted by hand, across the night
/// the clocks go forward (Sunday 29 March 2026). The period is Monday 23 March to Sunday 5 April 2026: two weeks.
/// </summary>
/// <remarks>
/// <para>Opening hours: Monday to Friday 09:00-17:00, Sunday 00:00-23:45, Saturday closed; Good Friday (3 April) closed.
/// So each room works 5 × 8 + 22.75 (the short Sunday) = 62.75 h in week 1, and 4 × 8 + 23.75 = 55.75 h in week 2.</para>
/// <para>Alice works Monday to Friday 09:00-17:00 and is off on Wednesday 25 March: 32 h each week. Ben works Monday and
/// Tuesday 09:00-13:00 and Sunday 00:00-23:45: 4 + 4 + 22.75 = 30.75 h, then 31.75 h. Cara is disabled and has no hours
/// but one booking, so she is listed with no percentage; Dan is disabled without bookings and is not listed.</para>
/// </remarks>
public sealed class OperationalReportsTests : IDisposable
{
    private static readonly ClinicTime London = ClinicTime.For("Europe/London");
    private static readonly ReportPeriod TwoWeeks = new(new DateOnly(2026, 3, 23), new DateOnly(2026, 4, 5), ReportGrouping.Week);

    private readonly ClinicTestHost host = new(new DateTimeOffset(2026, 4, 10, 10, 0, 0, TimeSpan.Zero));

    public void Dispose() => host.Dispose();

    private async Task SeedAsync()
    {
        var patients = new List<(int PatientId, IReadOnlyList<int> Sittings)>();
        for (var i = 0; i < 3; i++)
        {
            var patient = await host.CreateScreenedPatientAsync("Pat" + (char)('a' + i), "Report");
            var plan = await host.PlanCourseAsync(patient);
            patients.Add((patient, plan.Sittings.Select(s => s.Id).ToList()));
        }

        var sittings = patients.SelectMany(p => p.Sittings.Select(s => (p.PatientId, Sitting: s))).ToList();
        await host.QueryAsync(async db =>
        {
            var nine = new TimeOnly(9, 0);
            var five = new TimeOnly(17, 0);
            await db.OpeningHours.ExecuteUpdateAsync(u => u.SetProperty(h => h.IsOpen, h => h.Day != DayOfWeek.Saturday)
                .SetProperty(h => h.Opens, h => h.Day == DayOfWeek.Sunday ? TimeOnly.MinValue : nine)
                .SetProperty(h => h.Closes, h => h.Day == DayOfWeek.Sunday ? new TimeOnly(23, 45) : five));
            db.ClosedDays.Add(new ClosedDay { Date = new DateOnly(2026, 4, 3), Reason = "Good Friday" });

            var alice = Clinician(db, "alice", "Alice Ames", disabled: false);
            var ben = Clinician(db, "ben", "Ben Brook", disabled: false);
            var cara = Clinician(db, "cara", "Cara Cole", disabled: true);
            Clinician(db, "dan", "Dan Dorn", disabled: true);
            foreach (var day in new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday })
            {
                db.ClinicianHours.Add(new ClinicianHours { ClinicianId = alice, Day = day, Start = nine, End = five });
            }

            db.ClinicianHours.Add(new ClinicianHours { ClinicianId = ben, Day = DayOfWeek.Monday, Start = nine, End = new TimeOnly(13, 0) });
            db.ClinicianHours.Add(new ClinicianHours { ClinicianId = ben, Day = DayOfWeek.Tuesday, Start = nine, End = new TimeOnly(13, 0) });
            db.ClinicianHours.Add(new ClinicianHours { ClinicianId = ben, Day = DayOfWeek.Sunday, Start = TimeOnly.MinValue, End = new TimeOnly(23, 45) });
            db.TimeOff.Add(new TimeOff { ClinicianId = alice, From = new DateOnly(2026, 3, 25), To = new DateOnly(2026, 3, 25), Reason = "Course" });

            var room1 = new Room { Name = "Room 1" };
            var room2 = new Room { Name = "Room 2" };
            db.Rooms.AddRange(room1, room2, new Room { Name = "Old room", IsActive = false });
            await db.SaveChangesAsync();

            var next = 0;
            var cancellations = new List<(Booking Booking, DateTime At)>();
            Booking Add(string clinician, Room room, string day, string start, string end, BookingStatus status, TimeSpan? cancelledBeforeStart = null)
            {
                var (patientId, sitting) = sittings[next++];
                var startUtc = Utc(day, start);
                var endUtc = end.Contains(' ', StringComparison.Ordinal) ? Utc(end.Split(' ')[0], end.Split(' ')[1]) : Utc(day, end);
                var booking = new Booking
                {
                    PlannedSittingId = sitting,
                    PatientId = patientId,
                    ClinicianId = clinician,
                    RoomId = room.Id,
                    StartUtc = startUtc,
                    NeedlingStartUtc = startUtc,
                    EndUtc = endUtc,
                    Status = status,
                };
                db.Bookings.Add(booking);
                if (cancelledBeforeStart is { } before)
                {
                    cancellations.Add((booking, startUtc - before));
                }

                return booking;
            }

            Add(alice, room1, "2026-03-23", "10:00", "11:00", BookingStatus.Completed); // 1: live, 1 h
            Add(alice, room1, "2026-03-24", "10:00", "12:00", BookingStatus.CheckedIn); // 2: live, 2 h
            Add(alice, room2, "2026-03-26", "14:00", "15:00", BookingStatus.NoShow); // 3: no-show
            Add(alice, room2, "2026-03-27", "09:00", "10:00", BookingStatus.Cancelled, TimeSpan.FromDays(3)); // 4: early cancellation
            Add(ben, room2, "2026-03-29", "00:30", "03:30", BookingStatus.Completed); // 5: across the change, 2 real hours
            Add(ben, room1, "2026-03-30", "09:00", "10:00", BookingStatus.Completed); // 6: live, 1 h
            Add(ben, room1, "2026-03-31", "11:00", "12:00", BookingStatus.Cancelled, TimeSpan.FromHours(2)); // 7: late
            Add(alice, room1, "2026-04-01", "15:00", "16:00", BookingStatus.Cancelled, TimeSpan.FromMinutes(-30)); // 8: cancelled after the start: late
            Add(alice, room2, "2026-04-02", "09:00", "10:00", BookingStatus.NoShow); // 9: no-show
            Add(cara, room2, "2026-03-30", "13:00", "14:30", BookingStatus.Completed); // 10: disabled clinician, 1.5 h
            Add(alice, room1, "2026-03-22", "16:00", "17:00", BookingStatus.Completed); // 11: the day before the period
            Add(ben, room2, "2026-04-05", "23:00", "2026-04-06 01:00", BookingStatus.Completed); // 12: 1 h of it in the period
            Add(alice, room1, "2026-04-01", "10:00", "11:00", BookingStatus.Cancelled, TimeSpan.FromHours(24)); // 14: exactly 24 h before: late
            Add(alice, room2, "2026-04-02", "11:00", "12:00", BookingStatus.Cancelled, TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1)); // 15: early
            Add(alice, room1, "2026-03-30", "11:00", "12:00", BookingStatus.NotPerformed); // 16: stopped at check-in: left out
            Add(alice, room2, "2026-03-31", "09:00", "10:30", BookingStatus.Completed); // 17: live, 1.5 h
            await db.SaveChangesAsync();

            foreach (var (booking, at) in cancellations)
            {
                var cancelled = new BookingEvent { BookingId = booking.Id, Kind = BookingEventKind.Cancelled, Reason = "Test" };
                db.BookingEvents.Add(cancelled);
                await db.SaveChangesAsync();

                // The stamping interceptor writes the clock's now; the cancellation happened at its own time.
                await db.BookingEvents.Where(e => e.Id == cancelled.Id).ExecuteUpdateAsync(u => u.SetProperty(e => e.CreatedAtUtc, at));
            }

            return 0;
        });
    }

    private static string Clinician(MicroNeedling.Clinic.Data.ClinicDbContext db, string name, string displayName, bool disabled)
    {
        var user = new StaffUser
        {
            UserName = $"{name}@tests.clinic",
            NormalizedUserName = $"{name.ToUpperInvariant()}@TESTS.CLINIC",
            DisplayName = displayName,
            IsDisabled = disabled,
        };
        db.Users.Add(user);
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = Roles.IdOf(Roles.Clinician) });
        return user.Id;
    }

    private static DateTime Utc(string day, string time) => London.ToUtc(DateOnly.Parse(day), TimeOnly.Parse(time)).Utc!.Value;

    private Task<Report> BuildAsync(ReportKind kind, ReportPeriod period) =>
        host.RunAsync<ReportService, Report>(s => s.BuildAsync(kind, period));

    private static ReportTable Table(Report report, string id) => Assert.Single(report.Tables, t => t.Id == id);

    /// <summary>Each row as "label: value value …", numbers without trailing zeros and "-" for none, so they compare as text.</summary>
    private static List<string> Rows(ReportTable table) =>
        table.Rows.Select(r => r.Label + ": " + string.Join(' ', r.Values.Select(v => v?.ToString("0.###", CultureInfo.InvariantCulture) ?? "-"))).ToList();

    [Fact]
    public async Task Utilisation_by_week_is_booked_over_working_hours_per_clinician_and_room_counting_the_short_week_of_the_clock_change()
    {
        await SeedAsync();

        var report = await BuildAsync(ReportKind.Utilisation, TwoWeeks);

        var byClinician = Table(report, "by-clinician");
        Assert.Equal(["Alice Ames", "Ben Brook", "Cara Cole"], byClinician.Columns.Select(c => c.Header));
        Assert.Equal(
            [
                "23 Mar 2026: 9.4 6.5 -", // 3/32, 2/30.75, no hours
                "30 Mar 2026: 4.7 6.3 -", // 1.5/32, 2/31.75, no hours
            ],
            Rows(byClinician));

        var byRoom = Table(report, "by-room");
        Assert.Equal(["Room 1", "Room 2"], byRoom.Columns.Select(c => c.Header));
        Assert.Equal(
            [
                "23 Mar 2026: 4.8 3.2", // 3/62.75, 2/62.75
                "30 Mar 2026: 1.8 7.2", // 1/55.75, 4/55.75
            ],
            Rows(byRoom));

        Assert.Equal(
            [
                "Alice Ames: 4.5 64 7",
                "Ben Brook: 4 62.5 6.4",
                "Cara Cole: 1.5 0 -",
            ],
            Rows(Table(report, "clinician-totals")));
        Assert.Equal(
            [
                "Room 1: 4 118.5 3.4",
                "Room 2: 6 118.5 5.1",
            ],
            Rows(Table(report, "room-totals")));
    }

    [Fact]
    public async Task Utilisation_by_month_splits_the_period_at_the_first_of_the_month()
    {
        await SeedAsync();

        var report = await BuildAsync(ReportKind.Utilisation, TwoWeeks with { By = ReportGrouping.Month });

        var byClinician = Table(report, "by-clinician");
        Assert.Equal("Month", byClinician.RowHeader);

        // March (23rd to 31st): Alice 4.5 of 48 h, Ben 2 + 1 of 30.75 + 4 + 4; April (1st to 5th): Alice 0 of 16, Ben 1 of 23.75.
        Assert.Equal(
            [
                "Mar 2026: 9.4 7.7 -",
                "Apr 2026: 0 4.2 -",
            ],
            Rows(byClinician));
    }

    [Fact]
    public async Task No_shows_and_late_cancellations_are_counted_by_week_weekday_and_hour_against_the_bookings_that_were_due()
    {
        await SeedAsync();

        var report = await BuildAsync(ReportKind.NoShows, TwoWeeks);

        Assert.Equal(["No-shows", "Late cancellations", "Bookings due", "Rate"], Table(report, "by-week").Columns.Select(c => c.Header));
        Assert.Equal([true, true, false, false], Table(report, "by-week").Columns.Select(c => c.Charted));
        Assert.Equal(
            [
                "23 Mar 2026: 1 0 4 25",
                "30 Mar 2026: 1 3 8 50",
            ],
            Rows(Table(report, "by-week")));
        Assert.Equal(
            [
                "Monday: 0 0 3 0",
                "Tuesday: 0 1 3 33.3",
                "Wednesday: 0 2 2 100",
                "Thursday: 2 0 2 100",
                "Friday: 0 0 0 -",
                "Saturday: 0 0 0 -",
                "Sunday: 0 0 2 0",
            ],
            Rows(Table(report, "by-weekday")));
        Assert.Equal(
            [
                "00:00: 0 0 1 0",
                "09:00: 1 0 3 33.3",
                "10:00: 0 1 3 33.3",
                "11:00: 0 1 1 100",
                "13:00: 0 0 1 0",
                "14:00: 1 0 1 100",
                "15:00: 0 1 1 100",
                "23:00: 0 0 1 0",
            ],
            Rows(Table(report, "by-hour")));
    }

    [Fact]
    public async Task A_shorter_late_cancellation_setting_counts_fewer_cancellations_as_late()
    {
        await SeedAsync();
        await host.ChangeSettingsAsync(s => s.LateCancellationHours = 2);

        var report = await BuildAsync(ReportKind.NoShows, TwoWeeks);

        // Cancelled 2 h before and after the start are still late; 24 h before no longer is (and is no longer due).
        Assert.Equal("30 Mar 2026: 1 2 7 42.9", Rows(Table(report, "by-week"))[1]);
    }

    [Fact]
    public async Task An_empty_request_is_the_last_twelve_weeks_up_to_today_by_week()
    {
        var period = await host.RunAsync<ReportService, ServiceResult<ReportPeriod>>(s => s.PeriodAsync(new ReportRequest()));

        // Friday 10 April 2026: its week began on Monday 6 April; eleven weeks before that is Monday 19 January.
        Assert.Equal(new ReportPeriod(new DateOnly(2026, 1, 19), new DateOnly(2026, 4, 10), ReportGrouping.Week), period.Value);
        var report = await BuildAsync(ReportKind.NoShows, period.Value!);
        Assert.Equal(12, Table(report, "by-week").Rows.Count);
    }
}
