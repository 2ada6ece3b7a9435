using System.Globalization;
using MicroNeedling.Clinic.Calendar;
using MicroNeedling.Clinic.ClinicSetup;
using MicroNeedling.Clinic.CourseScheduling;
using static MicroNeedling.Clinic.Tests.Scheduling.Scenario;

namespace MicroNeedling.Clinic.Tests.Scheduling;

/// <summary>
/// Clock changes: a course keeps its local time, intervals are calendar days, the spring-forward gap is skipped and the
/// autumn overlap resolves to the earlier instant. 2026 changes: London 29 Mar and 25 Oct; New York 8 Mar and 1 Nov.
/// </summary>
public sealed class CourseSchedulerDaylightSavingTests
{
    [Theory]
    [InlineData("Europe/London", "2026-03-03", 28, "spring")]
    [InlineData("Europe/London", "2026-10-06", 28, "autumn")]
    [InlineData("Europe/London", "2026-03-20", 45, "spring,autumn")]
    [InlineData("America/New_York", "2026-02-20", 28, "spring")]
    [InlineData("America/New_York", "2026-10-20", 28, "autumn")]
    [InlineData("America/New_York", "2026-03-02", 49, "spring,autumn")]
    public void A_course_across_clock_changes_keeps_its_local_time_and_counts_the_interval_in_calendar_days(
        string zoneId, string firstDay, int minIntervalDays, string changes)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        var calendar = new CalendarSnapshot(
            zone, Hours("10:00", "18:00", EveryDay), new HashSet<DateOnly>(), [Clinician("ana", Hours("10:00", "18:00", EveryDay))], [Room(1)], []);
        var request = Course() with
        {
            MinIntervalDays = minIntervalDays,
            MaxIntervalDays = minIntervalDays + 14,
            EarliestStartUtc = ToUtc($"{firstDay} 00:00", zone),
        };

        var proposals = CourseScheduler.Propose(request, calendar);

        var expected = Enumerable.Range(0, 6).Select(k => $"{Day(firstDay).AddDays(k * minIntervalDays):yyyy-MM-dd} 10:00");
        Assert.Equal(expected, proposals.Select(p => Local(p, zone)));

        // The UTC gaps show the clock changes inside the course: an hour short across spring, an hour long across autumn.
        var gaps = proposals.Zip(proposals.Skip(1), (a, b) => b.StartUtc!.Value - a.StartUtc!.Value).ToList();
        var days = TimeSpan.FromDays(minIntervalDays);
        Assert.Equal(changes.Contains("spring", StringComparison.Ordinal), gaps.Contains(days - TimeSpan.FromHours(1)));
        Assert.Equal(changes.Contains("autumn", StringComparison.Ordinal), gaps.Contains(days + TimeSpan.FromHours(1)));
        Assert.All(gaps, g => Assert.True(g == days || Math.Abs((g - days).TotalHours) == 1, $"unexpected gap {g}"));
    }

    [Theory]
    [InlineData("Europe/London", "01:00", "2026-03-28 12:00", "2026-03-29 01:00", "2026-03-29 02:00")]
    [InlineData("America/New_York", "02:00", "2026-03-07 12:00", "2026-03-08 07:00", "2026-03-08 03:00")]
    public void Skips_preferred_slots_that_do_not_exist_in_the_spring_forward_gap(
        string zoneId, string opens, string earliestUtc, string expectedUtc, string expectedLocal)
    {
        // The clinic opens exactly when the clocks jump, so its first slots of the night never happen.
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        var request = Course(1) with { EarliestStartUtc = Utc(earliestUtc), PreferredDays = Days("Sunday"), TimeOfDay = TimeOfDayPreference.Morning };

        var proposal = Assert.Single(CourseScheduler.Propose(request, SundayNightClinic(zone, opens)));

        Assert.Equal(Utc(expectedUtc), proposal.StartUtc);
        Assert.Equal(expectedLocal, Local(proposal, zone));
    }

    [Theory]
    [InlineData("Europe/London", "2026-10-25 00:20", "2026-10-25 00:30")] // 01:30 BST, not 01:30 GMT (01:30 UTC)
    [InlineData("America/New_York", "2026-11-01 05:20", "2026-11-01 05:30")] // 01:30 EDT, not 01:30 EST (06:30 UTC)
    public void Resolves_an_ambiguous_autumn_time_to_the_earlier_instant(string zoneId, string earliestUtc, string expectedUtc)
    {
        // The earliest start is 01:20 on the first pass of the repeated hour, so the next slot is 01:30 local.
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        var request = Course(1) with { EarliestStartUtc = Utc(earliestUtc) };

        var proposal = Assert.Single(CourseScheduler.Propose(request, SundayNightClinic(zone, "01:00")));

        Assert.Equal(Utc(expectedUtc), proposal.StartUtc);
        Assert.Equal($"{expectedUtc[..10]} 01:30", Local(proposal, zone));
    }

    [Theory]
    [InlineData("Europe/London", "2026-03-29 01:30", null)]
    [InlineData("Europe/London", "2026-03-29 02:00", "2026-03-29 01:00")]
    [InlineData("Europe/London", "2026-10-25 01:00", "2026-10-25 00:00")]
    [InlineData("Europe/London", "2026-10-25 01:59", "2026-10-25 00:59")]
    [InlineData("Europe/London", "2026-10-25 02:00", "2026-10-25 02:00")]
    [InlineData("Europe/London", "2026-07-01 10:00", "2026-07-01 09:00")]
    [InlineData("America/New_York", "2026-03-08 02:30", null)]
    [InlineData("America/New_York", "2026-11-01 01:30", "2026-11-01 05:30")]
    [InlineData("America/New_York", "2026-12-01 10:00", "2026-12-01 15:00")]
    public void Converts_clinic_local_times_to_utc_skipping_gaps_and_taking_the_earlier_instant_in_overlaps(
        string zoneId, string local, string? expectedUtc)
    {
        var clock = Common.ClinicTime.For(zoneId);
        var wallClock = DateTime.ParseExact(local, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

        var utc = clock.ToUtc(DateOnly.FromDateTime(wallClock), TimeOnly.FromDateTime(wallClock)).Utc;

        Assert.Equal(expectedUtc is not null, utc is not null);
        if (expectedUtc is not null)
        {
            Assert.Equal(Utc(expectedUtc), utc);
            Assert.Equal(DateTimeKind.Utc, utc!.Value.Kind);
        }
    }

    /// <summary>A clinic open only on Sunday nights, so the first slot falls into the clock change.</summary>
    private static CalendarSnapshot SundayNightClinic(TimeZoneInfo zone, string opens) => new(
        zone,
        Hours(opens, "05:00", DayOfWeek.Sunday),
        new HashSet<DateOnly>(),
        [Clinician("ana", Hours("00:00", "06:00", DayOfWeek.Sunday))],
        [Room(1)],
        []);
}
