using System.Globalization;
using MicroNeedling.Clinic.Common;

namespace MicroNeedling.Clinic.Reports;

/// <summary>Clinic weeks run Monday to Sunday.</summary>
public static class ClinicWeek
{
    public static DateOnly StartOf(DateOnly date) => date.AddDays(-(((int)date.DayOfWeek + 6) % 7));
}

/// <summary>
/// One week or month of a report's time axis, clipped to the period: clinic-local days [From, To) and the UTC instants
/// they start and end at, so a week with a clock change is 167 or 169 hours long.
/// </summary>
internal sealed record ReportBucket(string Label, DateOnly From, DateOnly ToExclusive, DateTime StartUtc, DateTime EndUtc);

internal static class ReportBuckets
{
    public static string RowHeader(ReportGrouping by) => by == ReportGrouping.Month ? "Month" : "Week starting";

    /// <summary>A row's label under <see cref="RowHeader"/>: the week's Monday ("7 Dec 2026") or the month ("Dec 2026").</summary>
    public static string Label(DateOnly start, ReportGrouping by) => by == ReportGrouping.Month
        ? start.ToString("MMM yyyy", CultureInfo.InvariantCulture)
        : start.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>The weeks (Monday to Sunday) or calendar months that the period touches, each clipped to the period.</summary>
    public static IReadOnlyList<ReportBucket> Of(ReportPeriod period, ClinicTime clock)
    {
        var buckets = new List<ReportBucket>();
        var end = period.To.AddDays(1);
        var start = period.By == ReportGrouping.Month ? new DateOnly(period.From.Year, period.From.Month, 1) : ClinicWeek.StartOf(period.From);
        while (start < end)
        {
            var next = period.By == ReportGrouping.Month ? start.AddMonths(1) : start.AddDays(7);
            var from = start < period.From ? period.From : start;
            var to = next > end ? end : next;
            buckets.Add(new ReportBucket(Label(start, period.By), from, to, clock.StartOfDayUtc(from), clock.StartOfDayUtc(to)));
            start = next;
        }

        return buckets;
    }

    /// <summary>The index of the bucket holding a UTC instant, or -1 outside the period.</summary>
    public static int IndexOf(IReadOnlyList<ReportBucket> buckets, DateTime utc)
    {
        int lo = 0, hi = buckets.Count - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            if (utc < buckets[mid].StartUtc)
            {
                hi = mid - 1;
            }
            else if (utc >= buckets[mid].EndUtc)
            {
                lo = mid + 1;
            }
            else
            {
                return mid;
            }
        }

        return -1;
    }

    /// <summary>A share as a percentage with one decimal, or null when there is nothing to divide by.</summary>
    public static decimal? Percent(double part, double whole) =>
        whole <= 0 ? null : Math.Round((decimal)(part / whole * 100), 1, MidpointRounding.AwayFromZero);

    public static decimal OneDecimal(double value) => Math.Round((decimal)value, 1, MidpointRounding.AwayFromZero);
}
