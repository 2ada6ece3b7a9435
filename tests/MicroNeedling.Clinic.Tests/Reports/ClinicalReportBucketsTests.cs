using MicroNeedling.Clinic.Reports;

namespace MicroNeedling.Clinic.Tests.Reports;

/// <summary>The time axis and the statistics the clinical reports share.</summary>
public sealed class ClinicalReportBucketsTests
{
    [Theory]
    [InlineData("2026-12-09", "2026-12-20", ReportGrouping.Week, "7 Dec 2026|14 Dec 2026")] // a Wednesday start: its whole week
    [InlineData("2026-12-07", "2026-12-07", ReportGrouping.Week, "7 Dec 2026")]
    [InlineData("2026-12-28", "2027-01-04", ReportGrouping.Week, "28 Dec 2026|4 Jan 2027")] // across the new year
    [InlineData("2026-11-15", "2027-01-02", ReportGrouping.Month, "Nov 2026|Dec 2026|Jan 2027")]
    public void The_buckets_are_every_week_from_monday_or_every_month_the_period_touches(string from, string to, ReportGrouping by, string labels)
    {
        var buckets = new ClinicalReportBuckets(new ReportPeriod(DateOnly.Parse(from), DateOnly.Parse(to), by));

        Assert.Equal(labels.Split('|'), Enumerable.Range(0, buckets.Count).Select(buckets.Label));
    }

    [Theory]
    [InlineData("2026-12-06", -1)] // the Sunday before the first week
    [InlineData("2026-12-07", 0)]
    [InlineData("2026-12-13", 0)]
    [InlineData("2026-12-14", 1)]
    [InlineData("2026-12-20", 1)]
    [InlineData("2026-12-21", -1)]
    public void A_day_falls_in_the_week_that_holds_it(string day, int index)
    {
        var buckets = new ClinicalReportBuckets(new ReportPeriod(new DateOnly(2026, 12, 9), new DateOnly(2026, 12, 20), ReportGrouping.Week));

        Assert.Equal(index, buckets.IndexOf(DateOnly.Parse(day)));
    }

    [Theory]
    [InlineData("", 0.5, null)]
    [InlineData("7", 0.9, "7")]
    [InlineData("1 2 3 4", 0.5, "2.5")]
    [InlineData("4 1 3 2", 0.5, "2.5")] // unsorted input
    [InlineData("1 2 3 4 5 6 7 8 9 10", 0.9, "9.1")]
    [InlineData("4 10 25", 0.9, "22")]
    public void Percentiles_interpolate_between_the_nearest_ranks(string values, double fraction, string? expected)
    {
        var numbers = values.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(double.Parse);

        Assert.Equal(expected is null ? null : decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), ClinicalReportMath.Percentile(numbers, fraction));
    }

    [Fact]
    public void A_rate_over_nothing_is_no_rate()
    {
        Assert.Null(ClinicalReportMath.Per100(3, 0));
        Assert.Equal(16.7m, ClinicalReportMath.Per100(1, 6));
    }
}
