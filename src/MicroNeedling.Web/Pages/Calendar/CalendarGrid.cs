using System.Globalization;
using MicroNeedling.Clinic.Calendar;

namespace MicroNeedling.Web.Pages.Calendar;

/// <summary>One column of the calendar grid: a clinician or a room on one day.</summary>
public sealed record CalendarColumn(string Header, CalendarDay Day, string? ClinicianId, int? RoomId)
{
    public bool Shows(CalendarEntry entry) =>
        DateOnly.FromDateTime(entry.LocalStart) == Day.Date
        && (ClinicianId is null || entry.ClinicianId == ClinicianId)
        && (RoomId is null || entry.RoomId == RoomId);
}

/// <summary>
/// Lays the calendar out as a CSS grid: one row per 15 minutes between the earliest opening and the latest closing
/// of the visible days, one column per clinician, room or day.
/// </summary>
public sealed class CalendarGrid
{
    public const int RowMinutes = 15;

    private readonly SlotPolicy? slots;
    private readonly TimeSpan appointment;

    /// <param name="slots">The slot policy over the shown days; with it, only bookable starts get a Book link.</param>
    /// <param name="appointment">A new sitting's whole length with the clinic's defaults.</param>
    public CalendarGrid(IReadOnlyList<CalendarColumn> columns, IReadOnlyList<CalendarEntry> entries, SlotPolicy? slots = null, TimeSpan appointment = default)
    {
        this.slots = slots;
        this.appointment = appointment;
        Columns = columns;
        var open = columns.Where(c => c.Day.IsOpen).ToList();
        First = open.Count == 0 ? new TimeOnly(9, 0) : open.Min(c => c.Day.Opens);
        Last = open.Count == 0 ? new TimeOnly(18, 0) : open.Max(c => c.Day.Closes);

        // Bookings outside today's hours (for example made before the hours changed) must still show.
        foreach (var entry in entries)
        {
            var start = TimeOnly.FromDateTime(entry.LocalStart);
            var end = TimeOnly.FromDateTime(entry.LocalEnd);
            First = start < First ? start : First;
            Last = end > Last ? end : Last;
        }

        First = new TimeOnly(First.Hour, First.Minute / RowMinutes * RowMinutes);
        Entries = entries;
        entriesByColumn = columns.Select(c => entries.Where(c.Shows).ToList()).ToList();
    }

    // The entries of each column (same index as Columns), sorted out once: the page asks for them per free slot.
    private readonly List<List<CalendarEntry>> entriesByColumn;

    /// <summary>The bookings shown in column <paramref name="index"/>.</summary>
    public IReadOnlyList<CalendarEntry> EntriesOf(int index) => entriesByColumn[index];

    public IReadOnlyList<CalendarColumn> Columns { get; }

    public IReadOnlyList<CalendarEntry> Entries { get; }

    public TimeOnly First { get; }

    public TimeOnly Last { get; }

    public int RowCount => (int)Math.Ceiling((Last - First).TotalMinutes / RowMinutes);

    public IEnumerable<TimeOnly> Rows => Enumerable.Range(0, RowCount).Select(i => First.AddMinutes(i * RowMinutes));

    // The classes of one cell, written as one attribute value: the week view writes a few hundred cells, and Razor's
    // cost is per value written (docs/performance.md).
    public static string TimeClass(int row, TimeOnly time) =>
        string.Create(CultureInfo.InvariantCulture, $"cal-time gc-1 gr-{row}{(time.Minute == 0 ? " hour" : "")}");

    public static string SlotClass(int columnIndex, int row) =>
        string.Create(CultureInfo.InvariantCulture, $"cal-slot gc-{columnIndex + 2} gr-{row} gs-2");

    public string BookingClass(int columnIndex, CalendarEntry entry) =>
        string.Create(CultureInfo.InvariantCulture,
            $"cal-booking gc-{columnIndex + 2} gr-{RowOf(entry.LocalStart)} gs-{SpanOf(entry)} numbing-{NumbingShare(entry)} status-{entry.Status.ToString().ToLowerInvariant()}{(entry.CourseOnHold ? " on-hold" : "")}");

    /// <summary>Grid row (1 is the header) of a local time.</summary>
    public int RowOf(DateTime local) => 2 + (int)((TimeOnly.FromDateTime(local) - First).TotalMinutes / RowMinutes);

    /// <summary>Rows a booking covers; at most a whole day, the largest span wwwroot/css/calendar-grid.css has a class for.</summary>
    public int SpanOf(CalendarEntry entry) =>
        Math.Clamp((int)Math.Ceiling((entry.LocalEnd - entry.LocalStart).TotalMinutes / RowMinutes), 1, 24 * 60 / RowMinutes);

    /// <summary>The numbing part of a booking as a share of its length, in steps of 5% (the classes of calendar-grid.css).</summary>
    public static int NumbingShare(CalendarEntry entry)
    {
        var share = (entry.LocalNeedlingStart - entry.LocalStart).TotalMinutes / (entry.LocalEnd - entry.LocalStart).TotalMinutes;
        return Math.Clamp((int)Math.Round(share * 20) * 5, 0, 100);
    }

    /// <summary>
    /// When the column's clinician or room can be booked that day: the clinic's hours, narrowed to the clinician's working
    /// hours for a clinician's column. Null when nobody can be booked in it that day (closed, not working, time off).
    /// </summary>
    public (TimeOnly From, TimeOnly To)? WorkingTime(CalendarColumn column)
    {
        if (slots?.OpeningOn(column.Day.Date) is not { } open)
        {
            return null;
        }

        if (column.ClinicianId is null)
        {
            return (open.Start, open.End);
        }

        if (slots.WorkingHoursOn(column.ClinicianId, column.Day.Date) is not { } works)
        {
            return null;
        }

        var from = works.Start > open.Start ? works.Start : open.Start;
        var to = works.End < open.End ? works.End : open.End;
        return to > from ? (from, to) : null;
    }

    /// <summary>The not-working stretches of a column, as (first grid row, rows spanned), shaded apart from free time.</summary>
    public IEnumerable<(int Row, int Span)> OffBlocks(CalendarColumn column)
    {
        var last = 2 + RowCount;
        if (WorkingTime(column) is not { } working)
        {
            yield return (2, RowCount);
            yield break;
        }

        var workFrom = Math.Clamp(RowOfTime(working.From), 2, last);
        var workTo = Math.Clamp(RowOfTime(working.To), 2, last);
        if (workFrom > 2)
        {
            yield return (2, workFrom - 2);
        }

        if (workTo < last)
        {
            yield return (workTo, last - workTo);
        }
    }

    public static string OffClass(int columnIndex, int row, int span) =>
        string.Create(CultureInfo.InvariantCulture, $"cal-off gc-{columnIndex + 2} gr-{row} gs-{Math.Clamp(span, 1, 24 * 60 / RowMinutes)}");

    /// <summary>
    /// Whether a new sitting of the clinic's default length can start here: the slot policy the booking's final check
    /// uses, with the column's clinician (and the first free room) or the column's room (and the first free clinician).
    /// </summary>
    public (string ClinicianId, int RoomId)? Bookable(int columnIndex, TimeOnly slot)
    {
        var column = Columns[columnIndex];
        if (slots is null || !column.Day.IsOpen)
        {
            return null;
        }

        return slots.IsBookable(new SlotRequest(column.Day.Date, slot, appointment, column.ClinicianId, column.RoomId), out _, out var clinician, out var room)
            ? (clinician, room)
            : null;
    }

    private int RowOfTime(TimeOnly time) => 2 + (int)Math.Ceiling((time - First).TotalMinutes / RowMinutes);
}
