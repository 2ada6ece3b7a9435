namespace MicroNeedling.Clinic.Reports;

/// <summary>
/// One report as the clinic sees it: a few tables of numbers over one period. The web page draws each table as a chart,
/// shows it as an accessible table under the chart and offers it as CSV, all from this same object, so the three can
/// never disagree.
/// </summary>
public sealed record Report(ReportKind Kind, string Title, ReportPeriod Period, IReadOnlyList<ReportTable> Tables);

/// <summary>One table of a report: a row per label (a week, a clinician, a kind of side effect), a column per measure.</summary>
/// <param name="Id">A stable slug, unique within the report: the table's anchor and the CSV's section name.</param>
/// <param name="RowHeader">What the row labels are ("Week starting", "Clinician").</param>
/// <param name="Note">One sentence on how the numbers are counted, shown under the table.</param>
public sealed record ReportTable(
    string Id,
    string Title,
    string RowHeader,
    IReadOnlyList<ReportColumn> Columns,
    IReadOnlyList<ReportRow> Rows,
    ChartKind Chart,
    string? Note = null);

/// <param name="Charted">False for columns that belong in the table and the CSV but not on the chart (a total, a ratio
/// beside counts).</param>
public sealed record ReportColumn(string Header, ReportValueFormat Format, bool Charted = true);

/// <summary>One row; <see cref="Values"/> has one entry per column, null where there is nothing to show (a median of no
/// intervals, a rate over no sittings).</summary>
public sealed record ReportRow(string Label, IReadOnlyList<decimal?> Values);

public enum ReportValueFormat
{
    /// <summary>A whole number.</summary>
    Count,

    /// <summary>A percentage, stored as 0–100 with one decimal.</summary>
    Percent,

    /// <summary>A number with one decimal (a rate per 100 sittings, hours).</summary>
    OneDecimal,

    /// <summary>A number of days with one decimal (medians).</summary>
    Days,
}

public enum ChartKind
{
    Bar,
    StackedBar,
    Line,
}
