using MicroNeedling.Clinic.Bookings;
using MicroNeedling.Clinic.ClinicSetup;
using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.Demo;
using MicroNeedling.Clinic.Plans;
using MicroNeedling.Clinic.Screening;
using MicroNeedling.Clinic.Sittings;
using MicroNeedling.Clinic.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ScreeningRecord = MicroNeedling.Clinic.Screening.Screening;

namespace MicroNeedling.Clinic.Tests.Demo;

/// <summary>The "demo" size, the clinic a new user sees in Development.</summary>
public sealed class DemoSizeBookingRuleTests(DemoSizeBookingRuleTests.Clinic clinic)
    : DemoClinicBookingRuleTests(clinic), IClassFixture<DemoSizeBookingRuleTests.Clinic>
{
    public sealed class Clinic() : SeededDemoClinic(DemoClinicSize.Demo);
}

/// <summary>The "small" size (about 11,000 bookings), seeded in a few seconds.</summary>
public sealed class SmallSizeBookingRuleTests(SmallSizeBookingRuleTests.Clinic clinic)
    : DemoClinicBookingRuleTests(clinic), IClassFixture<SmallSizeBookingRuleTests.Clinic>
{
    public sealed class Clinic() : SeededDemoClinic(DemoClinicSize.Small);
}

/// <summary>
/// A seeded demo clinic against the booking rule of issue 14, row by row: every live booking was legal when it was made
/// (or, for one still ahead, is legal now), and every sitting that reached check-in was allowed by its re-screen on the
/// day. Each size is seeded once for its class, on the run's engine.
/// </summary>
public abstract class DemoClinicBookingRuleTests(DemoClinicBookingRuleTests.SeededDemoClinic clinic)
{
    [Fact]
    public void Every_live_booking_is_made_after_its_plan()
    {
        var broken = clinic.Live.Where(b => b.CreatedAtUtc < clinic.PlanOf(b).CreatedAtUtc).ToList();

        AssertNone(broken, "made before its course plan existed");
    }

    [Fact]
    public void Every_live_booking_has_a_plan_made_on_a_screening_that_allowed_treatment()
    {
        var broken = clinic.Live.Where(b =>
        {
            var plan = clinic.PlanOf(b);
            var screening = clinic.Screenings[plan.ScreeningId];
            var planDay = clinic.LocalDay(plan.CreatedAtUtc);
            return screening.PatientId != plan.PatientId
                || !ScreeningStatus.On(screening, planDay).AllowsTreatment
                || Age.YearsOn(clinic.DatesOfBirth[plan.PatientId], planDay) < clinic.MinimumAge;
        }).ToList();

        AssertNone(broken, "has a plan whose screening did not allow treatment on the plan's creation date");
    }

    [Fact]
    public void No_live_booking_is_made_on_a_plan_that_was_cancelled_or_completed()
    {
        var broken = clinic.Live.Where(b =>
        {
            var plan = clinic.PlanOf(b);
            var closedAt = plan.CancelledAtUtc ?? (plan.Status == PlanStatus.Completed ? plan.CompletedAtUtc : null);
            return closedAt is { } at && b.CreatedAtUtc >= at;
        }).ToList();

        AssertNone(broken, "made after its plan was closed");
    }

    [Fact]
    public void No_live_booking_is_made_after_a_hard_stop_screening_since_the_plans_screening()
    {
        var broken = clinic.Live.Where(b =>
        {
            var plan = clinic.PlanOf(b);
            var since = clinic.Screenings[plan.ScreeningId].CreatedAtUtc;
            var until = b.StartUtc > clinic.Now ? clinic.Now : b.CreatedAtUtc;
            var latest = clinic.ScreeningsOf(b.PatientId).Where(s => s.CreatedAtUtc >= since && s.CreatedAtUtc <= until)
                .OrderBy(s => s.CreatedAtUtc).ThenBy(s => s.Id).LastOrDefault();
            return latest is not null && IsHardStop(latest);
        }).ToList();

        AssertNone(broken, "made (or still ahead) after a not-suitable or clearance-pending screening with no later screening allowing treatment");
    }

    [Fact]
    public void No_live_booking_is_made_while_a_severe_side_effect_of_the_patient_awaits_review()
    {
        var broken = clinic.Live.Where(b =>
        {
            var at = b.StartUtc > clinic.Now ? clinic.Now : b.CreatedAtUtc;
            return clinic.SideEffectsOf(b.PatientId).Any(e => e.CreatedAtUtc <= at && HoldRules.Holds(Unreviewed(e, at)));
        }).ToList();

        AssertNone(broken, "made (or still ahead) while the patient's course was on hold");
    }

    [Fact]
    public void Every_checked_in_or_completed_sitting_has_a_re_screen_on_its_day_that_allows_treatment()
    {
        var treated = clinic.Live.Where(b => b.Status is BookingStatus.CheckedIn or BookingStatus.Completed).ToList();
        var broken = treated.Where(b =>
        {
            var day = clinic.LocalDay(b.StartUtc);
            var rescreen = clinic.ScreeningsOf(b.PatientId).Where(s => s.BookingId == b.Id && s.ScreenedOn == day && s.CreatedAtUtc <= b.NeedlingStartUtc)
                .OrderBy(s => s.CreatedAtUtc).LastOrDefault();
            return rescreen is null || !ScreeningStatus.On(rescreen, day).AllowsTreatment;
        }).ToList();

        Assert.NotEmpty(treated);
        AssertNone(broken, "reached check-in without a re-screen on its day that allows treatment");
    }

    [Fact]
    public void Sittings_of_a_course_keep_the_minimum_interval_in_clinic_local_days()
    {
        var broken = new List<BookingRow>();
        foreach (var course in clinic.Live.GroupBy(b => clinic.Sittings[b.PlannedSittingId].PlanId))
        {
            var ordered = course.OrderBy(b => clinic.Sittings[b.PlannedSittingId].Number).ToList();
            for (var i = 1; i < ordered.Count; i++)
            {
                var days = clinic.LocalDay(ordered[i].StartUtc).DayNumber - clinic.LocalDay(ordered[i - 1].StartUtc).DayNumber;
                if (days < clinic.PlanOf(ordered[i]).MinIntervalDays)
                {
                    broken.Add(ordered[i]);
                }
            }
        }

        AssertNone(broken, "is closer to the sitting before it than the course's minimum interval");
    }

    [Fact]
    public void A_completed_course_has_every_sitting_completed_and_a_cancelled_course_nothing_ahead()
    {
        var completedSittings = clinic.Live.Where(b => b.Status == BookingStatus.Completed).Select(b => b.PlannedSittingId).ToHashSet();
        var incomplete = clinic.Plans.Values.Where(p => p.Status == PlanStatus.Completed
            && clinic.Sittings.Values.Count(s => s.PlanId == p.Id && completedSittings.Contains(s.Id)) != p.SittingCount).ToList();
        var cancelledAhead = clinic.Live.Where(b => clinic.PlanOf(b).Status == PlanStatus.Cancelled && b.EndUtc > clinic.Now).ToList();

        Assert.True(incomplete.Count == 0, $"{incomplete.Count} completed plans have sittings not completed, e.g. plan {incomplete.FirstOrDefault()?.Id}");
        AssertNone(cancelledAhead, "is still ahead on a cancelled plan");
    }

    [Fact]
    public void Some_bookings_ahead_will_need_a_re_screen_at_check_in()
    {
        var flagged = clinic.Live.Where(b => b.Status == BookingStatus.Booked).Count(b =>
        {
            var latest = clinic.ScreeningsOf(b.PatientId).Where(s => s.CreatedAtUtc <= clinic.Now).OrderBy(s => s.CreatedAtUtc).ThenBy(s => s.Id).LastOrDefault();
            return latest is not null && !ScreeningStatus.On(latest, clinic.LocalDay(b.StartUtc)).AllowsTreatment;
        });

        Assert.True(flagged >= 20, $"only {flagged} bookings ahead outlive the patient's latest screening");
    }

    private static bool IsHardStop(ScreeningRecord screening) =>
        screening.Outcome == ScreeningOutcome.NotSuitable || (screening.Outcome == ScreeningOutcome.ClearanceRequired && screening.Clearance is null);

    /// <summary>The side effect as it stood at <paramref name="at"/>: a review recorded later had not happened yet.</summary>
    private static SideEffect Unreviewed(SideEffect effect, DateTime at) => new()
    {
        Kind = effect.Kind,
        Severity = effect.Severity,
        ReviewedAtUtc = effect.ReviewedAtUtc is { } reviewed && reviewed <= at ? reviewed : null,
    };

    private static void AssertNone(List<BookingRow> broken, string what) =>
        Assert.True(broken.Count == 0, $"{broken.Count} live bookings: each {what}, e.g. bookings {string.Join(", ", broken.Take(5).Select(b => $"{b.Id} ({b.Status}, made {b.CreatedAtUtc:u} for {b.StartUtc:u})"))}");

    public sealed record BookingRow(int Id, int PlannedSittingId, int PatientId, BookingStatus Status, DateTime StartUtc, DateTime NeedlingStartUtc, DateTime EndUtc, DateTime CreatedAtUtc);

    public sealed record SittingRow(int Id, int PlanId, int Number);

    /// <summary>Seeds one size once and reads back what the checks need.</summary>
    public abstract class SeededDemoClinic(DemoClinicSize size) : IAsyncLifetime, IDisposable
    {
        private readonly ClinicTestHost host = new();
        private ILookup<int, ScreeningRecord> screeningsByPatient = null!;
        private ILookup<int, SideEffect> sideEffectsByPatient = null!;

        public TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

        public DateTime Now => host.UtcNow;

        public int MinimumAge { get; private set; }

        public List<BookingRow> Live { get; private set; } = [];

        public Dictionary<int, SittingRow> Sittings { get; private set; } = [];

        public Dictionary<int, CoursePlan> Plans { get; private set; } = [];

        public Dictionary<int, ScreeningRecord> Screenings { get; private set; } = [];

        public Dictionary<int, DateOnly> DatesOfBirth { get; private set; } = [];

        public CoursePlan PlanOf(BookingRow booking) => Plans[Sittings[booking.PlannedSittingId].PlanId];

        public IEnumerable<ScreeningRecord> ScreeningsOf(int patientId) => screeningsByPatient[patientId];

        public IEnumerable<SideEffect> SideEffectsOf(int patientId) => sideEffectsByPatient[patientId];

        public DateOnly LocalDay(DateTime utc) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(utc, Zone));

        public async Task InitializeAsync()
        {
            await host.RunAsync<IServiceProvider, DemoClinicSummary>(services =>
                ActivatorUtilities.CreateInstance<DemoClinicSeeder>(services).SeedAsync(size, "Demo-password-123"));
            await host.QueryAsync(async db =>
            {
                MinimumAge = (await db.ClinicSettings.AsNoTracking().SingleAsync()).MinimumAge;
                Live = await db.Bookings.AsNoTracking().Where(Booking.IsLive)
                    .Select(b => new BookingRow(b.Id, b.PlannedSittingId, b.PatientId, b.Status, b.StartUtc, b.NeedlingStartUtc, b.EndUtc, b.CreatedAtUtc)).ToListAsync();
                Sittings = await db.PlannedSittings.AsNoTracking().Select(s => new SittingRow(s.Id, s.CoursePlanId, s.Number)).ToDictionaryAsync(s => s.Id);
                Plans = await db.CoursePlans.AsNoTracking().ToDictionaryAsync(p => p.Id);
                Screenings = await db.Screenings.AsNoTracking().Include(s => s.Clearance).ToDictionaryAsync(s => s.Id);
                DatesOfBirth = await db.Patients.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.DateOfBirth);
                sideEffectsByPatient = (await db.SideEffects.AsNoTracking().ToListAsync()).ToLookup(e => e.PatientId);
                screeningsByPatient = Screenings.Values.ToLookup(s => s.PatientId);
                return 0;
            });
            Assert.NotEmpty(Live);
        }

        public Task DisposeAsync() => Task.CompletedTask;

        public void Dispose()
        {
            host.Dispose();
            GC.SuppressFinalize(this);
        }
    }
}
