using MicroNeedling.Clinic.Calendar;
using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.CourseScheduling;

namespace MicroNeedling.Clinic.Tests.Scheduling;

public sealed class IntervalRuleTests
{
    private static readonly DateOnly Previous = new(2026, 3, 10);

    public static TheoryData<int, string, string?, string?> IntervalCases => new()
    {
        // number, date, refusal contains, warning contains
        { 2, "2026-04-06", "on or after Tue 7 Apr 2026", null },
        { 2, "2026-04-07", null, null },
        { 2, "2026-04-21", null, null },
        { 2, "2026-04-22", null, "43 days after sitting 1, more than the recommended 42" },
        { 3, "2026-05-04", "on or after Tue 5 May 2026", null },
        { 3, "2026-05-05", null, null },
    };

    [Theory]
    [MemberData(nameof(IntervalCases))]
    public void The_interval_rule_counts_calendar_days_from_the_nearest_earlier_booked_sitting(int number, string date, string? refusal, string? warning)
    {
        var check = IntervalRule.Check(number, DateOnly.Parse(date), [new CourseSittingDate(1, Previous)], minDays: 28, maxDays: 42);

        AssertContainsOrNull(refusal, check.Refusal);
        AssertContainsOrNull(warning, check.Warning);
    }

    [Theory]
    [InlineData("2026-04-09", null)]
    [InlineData("2026-04-10", "on or before Thu 9 Apr 2026")]
    public void A_sitting_must_also_stay_the_minimum_interval_before_a_booked_later_sitting(string date, string? refusal)
    {
        var check = IntervalRule.Check(2, DateOnly.Parse(date), [new CourseSittingDate(3, new DateOnly(2026, 5, 7))], 28, 42);

        AssertContainsOrNull(refusal, check.Refusal);
    }

    [Theory]
    [InlineData("10:00", "10:30", true)]
    [InlineData("09:30", "10:01", true)]
    [InlineData("10:59", "11:30", true)]
    [InlineData("11:00", "12:00", false)]
    [InlineData("09:00", "10:00", false)]
    public void Spans_overlap_only_when_they_share_time_so_back_to_back_is_fine(string start, string end, bool overlaps)
    {
        static DateTime At(string time) => new DateOnly(2026, 3, 11).ToDateTime(TimeOnly.Parse(time), DateTimeKind.Utc);
        var booked = new UtcSpan(At("10:00"), At("11:00"));

        Assert.Equal(overlaps, booked.Overlaps(new UtcSpan(At(start), At(end))));
    }

    private static void AssertContainsOrNull(string? expected, string? actual)
    {
        if (expected is null)
        {
            Assert.Null(actual);
        }
        else
        {
            Assert.NotNull(actual);
            Assert.Contains(expected, actual);
        }
    }
}

public sealed class ClinicLocalTimeTests
{
    public static TheoryData<string, string, string, string> WallClockToUtc => new()
    {
        // zone, local date, local time, expected UTC (ISO)
        { "Europe/London", "2026-03-28", "10:00", "2026-03-28T10:00:00Z" },
        { "Europe/London", "2026-03-30", "10:00", "2026-03-30T09:00:00Z" },
        { "Europe/London", "2026-10-24", "10:00", "2026-10-24T09:00:00Z" },
        { "Europe/London", "2026-10-26", "10:00", "2026-10-26T10:00:00Z" },
        { "America/New_York", "2026-03-07", "10:00", "2026-03-07T15:00:00Z" },
        { "America/New_York", "2026-03-09", "10:00", "2026-03-09T14:00:00Z" },
        { "America/New_York", "2026-10-31", "10:00", "2026-10-31T14:00:00Z" },
        { "America/New_York", "2026-11-02", "10:00", "2026-11-02T15:00:00Z" },
    };

    [Theory]
    [MemberData(nameof(WallClockToUtc))]
    public void Ten_oclock_local_stays_ten_oclock_local_on_both_sides_of_each_dst_change(string zone, string date, string time, string expectedUtc)
    {
        var clinic = ClinicTime.For(zone);

        var result = clinic.ToUtc(DateOnly.Parse(date), TimeOnly.Parse(time));

        Assert.Equal(DateTime.Parse(expectedUtc).ToUniversalTime(), result.Utc);
        Assert.Equal(TimeOnly.Parse(time), TimeOnly.FromDateTime(clinic.ToLocal(result.Utc!.Value)));
    }

    [Theory]
    [InlineData("Europe/London", "2026-03-29", "01:30")]
    [InlineData("America/New_York", "2026-03-08", "02:30")]
    public void A_time_in_the_spring_forward_gap_is_refused_with_a_clear_message(string zone, string date, string time)
    {
        var result = ClinicTime.For(zone).ToUtc(DateOnly.Parse(date), TimeOnly.Parse(time));

        Assert.Null(result.Utc);
        Assert.Contains("the clocks go forward", result.Problem);
    }

    [Theory]
    [InlineData("Europe/London", "2026-10-25", "01:30", "2026-10-25T00:30:00Z")]
    [InlineData("America/New_York", "2026-11-01", "01:30", "2026-11-01T05:30:00Z")]
    public void A_time_in_the_autumn_overlap_resolves_to_the_earlier_summer_time_instant(string zone, string date, string time, string expectedUtc)
    {
        var result = ClinicTime.For(zone).ToUtc(DateOnly.Parse(date), TimeOnly.Parse(time));

        Assert.Equal(DateTime.Parse(expectedUtc).ToUniversalTime(), result.Utc);
    }
}
