using MicroNeedling.Clinic.Bookings;
using MicroNeedling.Clinic.Calendar;
using MicroNeedling.Clinic.ClinicSetup;
using MicroNeedling.Clinic.CourseScheduling;
using MicroNeedling.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroNeedling.Web.Pages.Admin.Clinicians;

/// <summary>One clinician's working week and time off.</summary>
public sealed class HoursModel(ClinicianHoursService clinicianHours, OpeningHoursService openingHours, BookedSittingsService bookedSittings) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Id { get; set; } = "";

    [BindProperty]
    public SaveClinicianHoursCommand Input { get; set; } = new();

    [BindProperty]
    public AddTimeOffCommand NewTimeOff { get; set; } = new();

    public ClinicianSummary Clinician { get; private set; } = default!;

    public IReadOnlyList<TimeOffItem> TimeOff { get; private set; } = [];

    /// <summary>The clinic's opening hours by weekday, shown beside the clinician's for reference.</summary>
    public IReadOnlyDictionary<DayOfWeek, OpeningDay> Opening { get; private set; } = new Dictionary<DayOfWeek, OpeningDay>();

    public string ClinicHours(DayOfWeek day) =>
        Opening.TryGetValue(day, out var o) && o.IsOpen ? $"{o.Opens:HH:mm}–{o.Closes:HH:mm}" : "Closed";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        Input = await clinicianHours.GetClinicianHoursAsync(Id, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.ForgetUnreadableCheckboxValues(nameof(WorkingDay.Works));
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await clinicianHours.SaveClinicianHoursAsync(Id, Input, ct);
        if (!result.Succeeded)
        {
            ModelState.AddServiceErrors(result, nameof(Input));
            return Page();
        }

        TempData["Flash"] = $"{Clinician.DisplayName}'s working hours are saved.";
        return RedirectToPage(new { id = Id });
    }

    public async Task<IActionResult> OnPostAddTimeOffAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        // Only the time-off form was posted; the weekly table shows what is stored.
        Input = await clinicianHours.GetClinicianHoursAsync(Id, ct);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await clinicianHours.AddTimeOffAsync(Id, NewTimeOff, ct);
        if (!result.Succeeded)
        {
            ModelState.AddServiceErrors(result, nameof(NewTimeOff));
            return Page();
        }

        var affected = await bookedSittings.BookedSittingsBetweenAsync(NewTimeOff.From!.Value, NewTimeOff.To!.Value, Id, ct);
        TempData["Flash"] = (NewTimeOff.From == NewTimeOff.To
            ? $"{Clinician.DisplayName} is off on {NewTimeOff.From:d MMM yyyy}."
            : $"{Clinician.DisplayName} is off from {NewTimeOff.From:d MMM yyyy} to {NewTimeOff.To:d MMM yyyy}.")
            + (affected == 0 ? "" : $" {affected} of their sittings {(affected == 1 ? "is" : "are")} still booked then: ask the front desk to move {(affected == 1 ? "it" : "them")}.");
        return RedirectToPage(new { id = Id });
    }

    public async Task<IActionResult> OnPostRemoveTimeOffAsync(int timeOffId, CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        var result = await clinicianHours.RemoveTimeOffAsync(Id, timeOffId, ct);
        if (!result.Succeeded)
        {
            ModelState.AddServiceErrors(result, "");
            Input = await clinicianHours.GetClinicianHoursAsync(Id, ct);
            return Page();
        }

        TempData["Flash"] = "The time off is removed.";
        return RedirectToPage(new { id = Id });
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var clinician = await clinicianHours.FindClinicianAsync(Id, ct);
        if (clinician is null)
        {
            return false;
        }

        Clinician = clinician;
        TimeOff = await clinicianHours.CurrentTimeOffAsync(Id, ct);
        Opening = (await openingHours.GetOpeningHoursAsync(ct)).Days.ToDictionary(d => d.Day);
        return true;
    }
}
