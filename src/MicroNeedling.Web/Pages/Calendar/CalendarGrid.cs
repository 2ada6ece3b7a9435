using System.Globalization;
using MicroNeedling.Clinic.Scheduling;

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

    public CalendarGrid(IReadOnlyList<CalendarColumn> columns, IReadOnlyList<CalendarEntry> entries)
    {
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

    /// <summary>Whether a free half-hour in a column can take a new booking: open, in hours and not covered by a booking.</summary>
    public bool IsFree(int columnIndex, TimeOnly slot)
    {
        var column = Columns[columnIndex];
        if (!column.Day.IsOpen || slot < column.Day.Opens || slot.AddMinutes(30) > column.Day.Closes)
        {
            return false;
        }

        var start = column.Day.Date.ToDateTime(slot);
        var end = start.AddMinutes(30);
        foreach (var e in entriesByColumn[columnIndex])
        {
            if (e.Status != BookingStatus.NoShow && e.LocalStart < end && start < e.LocalEnd)
            {
                return false;
            }
        }

        return true;
    }
}
