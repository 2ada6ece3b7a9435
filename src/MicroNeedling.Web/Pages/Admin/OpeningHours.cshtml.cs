using MicroNeedling.Clinic.Bookings;
using MicroNeedling.Clinic.Calendar;
using MicroNeedling.Clinic.ClinicSetup;
using MicroNeedling.Clinic.CourseScheduling;
using MicroNeedling.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroNeedling.Web.Pages.Admin;

/// <summary>The clinic's weekly opening hours and its closed days (holidays), on one page.</summary>
public sealed class OpeningHoursModel(OpeningHoursService openingHours, BookedSittingsService bookedSittings) : PageModel
{
    [BindProperty]
    public SaveOpeningHoursCommand Input { get; set; } = new();

    [BindProperty]
    public AddClosedDayCommand ClosedDay { get; set; } = new();

    public IReadOnlyList<ClosedDayItem> ClosedDays { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Input = await openingHours.GetOpeningHoursAsync(ct);
        ClosedDays = await openingHours.UpcomingClosedDaysAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.ForgetUnreadableCheckboxValues(nameof(OpeningDay.IsOpen));
        ClosedDays = await openingHours.UpcomingClosedDaysAsync(ct);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await openingHours.SaveOpeningHoursAsync(Input, ct);
        if (!result.Succeeded)
        {
            ModelState.AddServiceErrors(result, nameof(Input));
            return Page();
        }

        TempData["Flash"] = "The opening hours are saved.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostAddClosedDayAsync(CancellationToken ct)
    {
        // Only the closed-day form was posted; the weekly table shows what is stored.
        Input = await openingHours.GetOpeningHoursAsync(ct);
        ClosedDays = await openingHours.UpcomingClosedDaysAsync(ct);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await openingHours.AddClosedDayAsync(ClosedDay, ct);
        if (!result.Succeeded)
        {
            ModelState.AddServiceErrors(result, nameof(ClosedDay));
            return Page();
        }

        var affected = await bookedSittings.BookedSittingsBetweenAsync(ClosedDay.Date!.Value, ClosedDay.Date!.Value, null, ct);
        TempData["Flash"] = $"The clinic is closed on {ClosedDay.Date:dddd d MMMM yyyy}."
            + (affected == 0 ? "" : $" {affected} sitting{(affected == 1 ? " is" : "s are")} still booked that day: ask the front desk to move {(affected == 1 ? "it" : "them")}.");
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRemoveClosedDayAsync(int closedDayId, CancellationToken ct)
    {
        var result = await openingHours.RemoveClosedDayAsync(closedDayId, ct);
        if (!result.Succeeded)
        {
            ModelState.AddServiceErrors(result, "");
            Input = await openingHours.GetOpeningHoursAsync(ct);
            ClosedDays = await openingHours.UpcomingClosedDaysAsync(ct);
            return Page();
        }

        TempData["Flash"] = "The closed day is removed; the clinic is open that day as usual.";
        return RedirectToPage();
    }
}
