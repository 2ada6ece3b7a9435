using MicroNeedling.Clinic.Bookings;
using MicroNeedling.Clinic.Demo;
using MicroNeedling.Clinic.Screening;
using MicroNeedling.Clinic.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MicroNeedling.Clinic.Tests.Demo;

/// <summary>A tiny demo clinic (60 patients, three months), seeded once per test, on the run's engine.</summary>
public sealed class DemoClinicSeederTests : IDisposable
{
    private static readonly DemoClinicSize Tiny = new("tiny", 60, 0.25, null) { BookableSittings = 5 };

    private readonly ClinicTestHost host = new();

    [Fact]
    public async Task No_clinician_room_or_patient_has_two_live_bookings_that_overlap()
    {
        await SeedAsync();
        var live = await host.QueryAsync(db => db.Bookings.AsNoTracking().Where(Booking.IsLive)
            .Select(b => new { b.ClinicianId, b.RoomId, b.PatientId, b.StartUtc, b.EndUtc }).ToListAsync());

        Assert.NotEmpty(live);
        foreach (var group in live.GroupBy(b => "c" + b.ClinicianId).Concat(live.GroupBy(b => "r" + b.RoomId)).Concat(live.GroupBy(b => "p" + b.PatientId)))
        {
            var ordered = group.OrderBy(b => b.StartUtc).ToList();
            for (var i = 1; i < ordered.Count; i++)
            {
                Assert.True(ordered[i].StartUtc >= ordered[i - 1].EndUtc, $"{group.Key}: {ordered[i - 1].StartUtc:o} overlaps {ordered[i].StartUtc:o}");
            }
        }
    }

    [Fact]
    public async Task Appointments_are_whole_clinic_hours_in_London_time_on_both_sides_of_the_clock_change()
    {
        await SeedAsync(); // 10 March to mid-April 2026 ahead: the clocks go forward on 29 March.
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        var bookings = await host.QueryAsync(db => db.Bookings.AsNoTracking().ToListAsync());

        Assert.Contains(bookings, b => b.StartUtc > new DateTime(2026, 3, 30, 0, 0, 0, DateTimeKind.Utc));
        foreach (var booking in bookings)
        {
            var local = TimeZoneInfo.ConvertTimeFromUtc(booking.StartUtc, zone);
            Assert.True(local.Minute == 0 && local.Hour is >= 8 and < 19 && local.DayOfWeek != DayOfWeek.Sunday, $"booking {booking.Id} at {local:o}");
            Assert.Equal(booking.StartUtc.AddMinutes(30), booking.NeedlingStartUtc);
            Assert.Equal(booking.StartUtc.AddMinutes(60), booking.EndUtc);
        }
    }

    [Fact]
    public async Task Every_charted_or_checked_in_sitting_has_its_course_consent_signed_before_it_with_an_intact_seal()
    {
        await SeedAsync();
        var treated = await host.QueryAsync(db => db.Bookings.AsNoTracking()
            .Where(b => db.SittingCharts.Any(c => c.BookingId == b.Id) || b.Status == BookingStatus.CheckedIn)
            .Select(b => new { b.Id, b.StartUtc, b.Sitting!.CoursePlanId }).ToListAsync());
        var consents = await host.QueryAsync(db => db.PatientConsents.AsNoTracking().ToListAsync());

        Assert.NotEmpty(treated);
        Assert.All(consents, c => Assert.True(Clinic.Consent.ConsentSeal.IsIntact(c), $"consent {c.Id}"));
        foreach (var sitting in treated)
        {
            var consent = consents.SingleOrDefault(c => c.CoursePlanId == sitting.CoursePlanId);
            Assert.True(consent is not null && consent.SignedAtUtc <= sitting.StartUtc.AddMinutes(30), $"booking {sitting.Id} has no consent signed before its needling");
        }
    }

    [Fact]
    public async Task Completed_sittings_of_one_course_are_at_least_28_days_apart()
    {
        await SeedAsync();
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        var completed = await host.QueryAsync(db => db.Bookings.AsNoTracking().Where(b => b.Status == BookingStatus.Completed)
            .Join(db.PlannedSittings, b => b.PlannedSittingId, s => s.Id, (b, s) => new { s.CoursePlanId, s.Number, b.StartUtc }).ToListAsync());

        foreach (var course in completed.GroupBy(c => c.CoursePlanId))
        {
            var ordered = course.OrderBy(c => c.Number).ToList();
            for (var i = 1; i < ordered.Count; i++)
            {
                // The interval is counted in clinic-local calendar days, not in hours.
                var days = LocalDay(ordered[i].StartUtc, zone).DayNumber - LocalDay(ordered[i - 1].StartUtc, zone).DayNumber;
                Assert.True(days >= 28, $"course {course.Key}: sitting {ordered[i].Number} only {days} days after the one before");
            }
        }
    }

    [Fact]
    public async Task Bookings_come_in_the_statuses_of_a_real_clinic()
    {
        await SeedAsync();
        var statuses = await host.QueryAsync(db => db.Bookings.AsNoTracking().GroupBy(b => b.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Status, g => g.Count));

        var past = statuses.GetValueOrDefault(BookingStatus.Completed) + statuses.GetValueOrDefault(BookingStatus.Cancelled)
            + statuses.GetValueOrDefault(BookingStatus.NoShow) + statuses.GetValueOrDefault(BookingStatus.NotPerformed);
        Assert.InRange(statuses.GetValueOrDefault(BookingStatus.Completed), past * 0.8, past * 0.95);
        Assert.True(statuses.GetValueOrDefault(BookingStatus.Cancelled) > 0, "some bookings are cancelled");
        Assert.True(statuses.GetValueOrDefault(BookingStatus.Booked) > 0, "the weeks ahead are booked");
    }

    [Fact]
    public async Task Every_sitting_that_reached_check_in_was_allowed_by_a_valid_screening_on_its_day()
    {
        await SeedAsync();
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        var (bookings, screenings) = await host.QueryAsync(async db => (
            await db.Bookings.AsNoTracking().Where(b => b.Status == BookingStatus.Completed || b.Status == BookingStatus.CheckedIn).ToListAsync(),
            await db.Screenings.AsNoTracking().Include(s => s.Clearance).ToListAsync()));
        var byPatient = screenings.ToLookup(s => s.PatientId);

        Assert.NotEmpty(bookings);
        foreach (var booking in bookings)
        {
            var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(booking.StartUtc, zone));
            var latest = byPatient[booking.PatientId].Where(s => s.CreatedAtUtc <= booking.NeedlingStartUtc)
                .OrderByDescending(s => s.CreatedAtUtc).ThenByDescending(s => s.Id).FirstOrDefault();
            Assert.True(ScreeningStatus.On(latest, day).AllowsTreatment, $"booking {booking.Id} on {day}");
        }
    }

    [Fact]
    public async Task The_long_history_patient_has_eight_courses_and_over_forty_sittings()
    {
        var summary = await SeedAsync();

        var (courses, completed, sideEffects) = await host.QueryAsync(async db => (
            await db.CoursePlans.CountAsync(p => p.PatientId == summary.LongHistoryPatientId),
            await db.Bookings.CountAsync(b => b.PatientId == summary.LongHistoryPatientId && b.Status == BookingStatus.Completed),
            await db.SideEffects.CountAsync(s => s.PatientId == summary.LongHistoryPatientId)));
        Assert.True(courses >= 8 && completed >= 40 && sideEffects >= 3, $"{courses} courses, {completed} sittings, {sideEffects} side effects");
        Assert.Equal(5, summary.BookableSittingIds.Count);
        Assert.Equal(5, await host.QueryAsync(db => db.PlannedSittings.CountAsync(s => summary.BookableSittingIds.Contains(s.Id))));
    }

    [Fact]
    public async Task Seeding_a_clinic_that_already_has_patients_is_refused()
    {
        await SeedAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(SeedAsync);
    }

    public void Dispose() => host.Dispose();

    private static DateOnly LocalDay(DateTime utc, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(utc, zone));

    private Task<DemoClinicSummary> SeedAsync() =>
        host.RunAsync<IServiceProvider, DemoClinicSummary>(services =>
            ActivatorUtilities.CreateInstance<DemoClinicSeeder>(services).SeedAsync(Tiny, "Demo-password-123"));
}
