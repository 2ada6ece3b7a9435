using MicroNeedling.Clinic.Common;

namespace MicroNeedling.Clinic.Reports;

/// <summary>
/// The period a report is asked for, as it comes from the page's query string: any part may be missing. Empty means the
/// last <see cref="DefaultWeeks"/> weeks (Monday to Sunday, the current week up to today), grouped by week.
/// </summary>
public sealed class ReportRequest
{
    /// <summary>The weeks an empty request covers: the current week and the eleven full weeks before it.</summary>
    public const int DefaultWeeks = 12;

    public DateOnly? From { get; set; }

    public DateOnly? To { get; set; }

    public ReportGrouping? By { get; set; }

    /// <summary>
    /// The request with its gaps filled: no dates at all gives the default weeks up to <paramref name="today"/>; only a
    /// start gives twelve weeks from it (up to today when that is sooner); only an end gives the twelve weeks before it.
    /// </summary>
    public ReportRequest Completed(DateOnly today)
    {
        var span = (DefaultWeeks * 7) - 1;
        var (from, to) = (From, To) switch
        {
            (null, null) => (ClinicWeek.StartOf(today).AddDays(-7 * (DefaultWeeks - 1)), today),
            ({ } f, null) => (f, f <= today && f.DayNumber + span > today.DayNumber ? today : AddDaysWithin(f, span)),
            (null, { } t) => (AddDaysWithin(t, -span), t),
            ({ } f, { } t) => (f, t),
        };
        return new ReportRequest { From = from, To = to, By = By ?? ReportGrouping.Week };
    }

    /// <summary>The period of a completed, valid request.</summary>
    public ReportPeriod ToPeriod() =>
        new(From ?? throw new InvalidOperationException("Complete the request first."), To ?? throw new InvalidOperationException("Complete the request first."), By ?? ReportGrouping.Week);

    private static DateOnly AddDaysWithin(DateOnly date, int days) =>
        DateOnly.FromDayNumber(Math.Clamp(date.DayNumber + days, ClinicDates.First.DayNumber, DateOnly.MaxValue.DayNumber - 1));
}
