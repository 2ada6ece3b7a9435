using System.Globalization;
using System.Text;
using MicroNeedling.Clinic.Calendar;
using MicroNeedling.Clinic.ClinicSetup;
using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.Settings;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroNeedling.Web.Pages.Calendar;

public sealed class IndexModel(CalendarService calendar, ClinicSettingsService settings, TimeProvider time) : PageModel
{
    /// <summary>The day shown, or a day in the week shown. Defaults to today in the clinic's time zone.</summary>
    [BindProperty(SupportsGet = true)]
    public DateOnly? Date { get; set; }

    /// <summary>"day" or "week".</summary>
    [BindProperty(SupportsGet = true)]
    public string View { get; set; } = "day";

    /// <summary>In the day view: "clinician" columns or "room" columns.</summary>
    [BindProperty(SupportsGet = true)]
    public string By { get; set; } = "clinician";

    [BindProperty(SupportsGet = true)]
    public string? ClinicianId { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? RoomId { get; set; }

    public DateOnly Day { get; private set; }

    public DateOnly Today { get; private set; }

    public CalendarView Data { get; private set; } = default!;

    public CalendarGrid Grid { get; private set; } = default!;

    public bool IsWeek => View == "week";

    public string Title { get; private set; } = "";

    public async Task OnGetAsync(CancellationToken ct)
    {
        var clinic = await settings.GetAsync(ct);
        Today = ClinicTime.For(clinic.TimeZoneId).Today(time);
        var dateIsValid = ModelState.GetFieldValidationState(nameof(Date)) != Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid;
        // A date far outside the calendar's range (typed into the URL) falls back to today rather than overflowing.
        Day = dateIsValid && Date is { } d && d >= ClinicDates.First && d <= ClinicDates.Last ? d : Today;
        View = View == "week" ? "week" : "day";
        By = By == "room" ? "room" : "clinician";

        if (IsWeek)
        {
            var monday = Day.AddDays(-(((int)Day.DayOfWeek + 6) % 7));
            // Only the chosen clinician's or room's bookings are read: the week shows one person or one room.
            Data = await calendar.LoadAsync(monday, 7, RoomId is null ? ClinicianId : null, RoomId, firstClinicianWhenNoneChosen: true, ct);
            ClinicianId = RoomId is null ? Data.ClinicianId : ClinicianId;

            var subject = RoomId is { } r
                ? Data.Rooms.FirstOrDefault(x => x.Id == r)?.Name
                : Data.Clinicians.FirstOrDefault(x => x.Id == ClinicianId)?.Name;
            Title = $"Week of {monday:d MMM yyyy}" + (subject is null ? "" : $": {subject}");
            var columns = Data.Days.Select(day => new CalendarColumn(day.Date.ToString("ddd d MMM"), day, RoomId is null ? ClinicianId : null, RoomId)).ToList();
            Grid = new CalendarGrid(columns, Data.Entries.Where(e => columns.Any(c => c.Shows(e))).ToList(), Data.Slots, Data.DefaultAppointment);
        }
        else
        {
            Data = await calendar.LoadAsync(Day, 1, null, null, ct: ct);
            Title = Day.ToString("dddd d MMMM yyyy");
            var day = Data.Days[0];
            var columns = By == "room"
                ? Data.Rooms.Where(x => x.IsActive || Data.Entries.Any(e => e.RoomId == x.Id)).Select(x => new CalendarColumn(x.Name, day, null, x.Id)).ToList()
                : Data.Clinicians.Select(x => new CalendarColumn(x.Name, day, x.Id, null)).ToList();
            Grid = new CalendarGrid(columns, Data.Entries, Data.Slots, Data.DefaultAppointment);
        }
    }

    public string Link(DateOnly day, string? view = null, string? by = null) =>
        WithQuery(calendarPage ??= Url.Page("/Calendar/Index")!, [
            ("date", day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            ("view", view ?? View),
            ("by", by ?? By),
            ("clinicianId", IsWeek || view == "week" ? ClinicianId : null),
            ("roomId", IsWeek || view == "week" ? RoomId?.ToString(CultureInfo.InvariantCulture) : null),
        ]);

    /// <summary>The "Book" link of a bookable slot, with the clinician and room the slot policy found free.</summary>
    public string BookLink(CalendarColumn column, TimeOnly slot, string clinicianId, int roomId) =>
        WithQuery(bookPage ??= Url.Page("/Bookings/Create")!, [
            ("date", column.Day.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            ("time", slot.ToString("HH:mm", CultureInfo.InvariantCulture)),
            ("clinicianId", clinicianId),
            ("roomId", roomId.ToString(CultureInfo.InvariantCulture)),
        ]);

    // A day of ten clinicians has a couple of hundred "Book" links, and every page a handful of navigation links:
    // each page's path is resolved by routing once, and the query string is written here, as Url.Page would (without
    // the empty values). Routing per link was most of the page's rendering time (docs/performance.md).
    private string? calendarPage;
    private string? bookPage;

    private static string WithQuery(string path, ReadOnlySpan<(string Name, string? Value)> values)
    {
        var link = new StringBuilder(path);
        var separator = '?';
        foreach (var (name, value) in values)
        {
            if (!string.IsNullOrEmpty(value))
            {
                link.Append(separator).Append(name).Append('=').Append(Uri.EscapeDataString(value));
                separator = '&';
            }
        }

        return link.ToString();
    }

    public string ColumnName(CalendarEntry entry) =>
        IsWeek || By == "clinician" ? entry.RoomName : Data.Clinicians.FirstOrDefault(c => c.Id == entry.ClinicianId)?.Name ?? "";
}
