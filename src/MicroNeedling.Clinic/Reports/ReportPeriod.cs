namespace MicroNeedling.Clinic.Reports;

/// <summary>A range of clinic-local days, both ends included, grouped by week or month where a report has a time axis.</summary>
public sealed record ReportPeriod(DateOnly From, DateOnly To, ReportGrouping By)
{
    /// <summary>The longest period a report covers: two years, so that a report at a million sittings stays fast.</summary>
    public const int MaxDays = 731;

    public int Days => To.DayNumber - From.DayNumber + 1;
}

public enum ReportGrouping
{
    Week = 0,
    Month = 1,
}
