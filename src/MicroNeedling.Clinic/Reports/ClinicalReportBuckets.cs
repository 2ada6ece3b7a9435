using System.Globalization;

namespace MicroNeedling.Clinic.Reports;

/// <summary>
/// The time axis of the clinical reports (courses, screening, adverse events): the weeks (Monday to Sunday) or calendar
/// months that a period touches, in order, empty ones included, labelled as the operational reports label theirs
/// (<see cref="ReportBuckets.Label"/>). The first and last bucket may be cut short by the period's ends; their labels still
/// name the whole week or month. Instants are placed by their clinic-local day.
/// </summary>
internal sealed class ClinicalReportBuckets
{
    private readonly ReportGrouping by;
    private readonly List<DateOnly> starts = [];

    public ClinicalReportBuckets(ReportPeriod period)
    {
        by = period.By;
        for (var start = StartOf(period.From, by); start <= period.To; start = Next(start, by))
        {
            starts.Add(start);
        }
    }

    public int Count => starts.Count;

    /// <summary>What the row labels are, for <see cref="ReportTable.RowHeader"/>.</summary>
    public string RowHeader => ReportBuckets.RowHeader(by);

    /// <summary>"week" or "month", for table ids and titles.</summary>
    public string Unit => by == ReportGrouping.Week ? "week" : "month";

    /// <summary>"weeks (Monday to Sunday)" or "calendar months", for the notes.</summary>
    public string Described => by == ReportGrouping.Week ? "week (Monday to Sunday)" : "calendar month";

    /// <summary>The bucket a clinic-local day falls in, or -1 when the day is outside the period's buckets.</summary>
    public int IndexOf(DateOnly day)
    {
        if (starts.Count == 0)
        {
            return -1;
        }

        var start = StartOf(day, by);
        var index = by == ReportGrouping.Week
            ? (start.DayNumber - starts[0].DayNumber) / 7
            : ((start.Year - starts[0].Year) * 12) + start.Month - starts[0].Month;
        return index >= 0 && index < starts.Count ? index : -1;
    }

    public string Label(int index) => ReportBuckets.Label(starts[index], by);

    /// <summary>One row per bucket, with the values <paramref name="values"/> gives for the bucket's index.</summary>
    public IReadOnlyList<ReportRow> Rows(Func<int, IReadOnlyList<decimal?>> values) =>
        Enumerable.Range(0, starts.Count).Select(i => new ReportRow(Label(i), values(i))).ToList();

    /// <summary>The label of a row that covers the whole period: "1 Dec 2026 to 31 Dec 2026".</summary>
    public static string WholePeriod(ReportPeriod period) =>
        period.From.ToString("d MMM yyyy", CultureInfo.InvariantCulture) + " to " + period.To.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>The UTC instants between which the period's clinic-local days fall: the start of its first day, inclusive, to
    /// the start of the day after its last, exclusive.</summary>
    public static (DateTime From, DateTime To) UtcRange(ReportContext context, ReportPeriod period) =>
        (context.Clock.StartOfDayUtc(period.From), context.Clock.StartOfDayUtc(period.To.AddDays(1)));

    private static DateOnly StartOf(DateOnly day, ReportGrouping by) => by == ReportGrouping.Week
        ? ClinicWeek.StartOf(day)
        : new DateOnly(day.Year, day.Month, 1);

    private static DateOnly Next(DateOnly start, ReportGrouping by) => by == ReportGrouping.Week ? start.AddDays(7) : start.AddMonths(1);
}

/// <summary>The few statistics the clinical reports share.</summary>
internal static class ClinicalReportMath
{
    /// <summary>The median of <paramref name="values"/>, or null when there are none.</summary>
    public static decimal? Median(IEnumerable<double> values) => Percentile(values, 0.5);

    /// <summary>
    /// The <paramref name="fraction"/> percentile, interpolated between the two nearest ranks (the usual "inclusive"
    /// definition: the median of 1, 2, 3, 4 is 2.5; the 90th percentile of 1..10 is 9.1), rounded to one decimal.
    /// Null when there are no values.
    /// </summary>
    public static decimal? Percentile(IEnumerable<double> values, double fraction)
    {
        var sorted = values.Order().ToList();
        if (sorted.Count == 0)
        {
            return null;
        }

        var rank = (sorted.Count - 1) * fraction;
        var lower = (int)Math.Floor(rank);
        var upper = Math.Min(lower + 1, sorted.Count - 1);
        var value = sorted[lower] + ((sorted[upper] - sorted[lower]) * (rank - lower));
        return Math.Round((decimal)value, 1, MidpointRounding.AwayFromZero);
    }

    /// <summary>How many per 100 of <paramref name="of"/>, to one decimal; null when there is nothing to divide by.</summary>
    public static decimal? Per100(int count, int of) =>
        of == 0 ? null : Math.Round(100m * count / of, 1, MidpointRounding.AwayFromZero);

    public static decimal? Mean(IReadOnlyCollection<int> values) =>
        values.Count == 0 ? null : Math.Round((decimal)values.Sum() / values.Count, 1, MidpointRounding.AwayFromZero);
}
