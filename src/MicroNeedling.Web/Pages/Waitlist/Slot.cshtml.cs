using MicroNeedling.Clinic.Bookings;
using MicroNeedling.Clinic.Patients;
using MicroNeedling.Clinic.Waitlist;
using MicroNeedling.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroNeedling.Web.Pages.Waitlist;

/// <summary>The slot a cancelled or moved booking freed, and the waitlisted patients who can take it, best first.</summary>
public sealed class SlotModel(WaitlistService waitlist, PatientAccess access) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int BookingId { get; set; }

    public FreedSlot? Slot { get; private set; }

    public IReadOnlyList<WaitlistCandidate> Candidates { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostBookAsync(int entryId, CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        if (Slot is null)
        {
            return Page();
        }

        var result = await waitlist.BookAsync(entryId, Slot, ct);
        if (!result.Succeeded)
        {
            ModelState.AddServiceErrors(result, "");
            return Page();
        }

        TempData["Flash"] = $"Booked {result.Value!.PatientName} into the freed slot.";
        return Redirect($"/Bookings/Details/{result.Value.BookingId}");
    }

    public async Task<IActionResult> OnPostOfferAsync(int entryId, CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        if (Slot is null)
        {
            return Page();
        }

        var result = await waitlist.OfferAsync(entryId, Slot, ct);
        if (!result.Succeeded)
        {
            ModelState.AddServiceErrors(result, "");
            return Page();
        }

        TempData["Flash"] = "The slot is offered by e-mail. Book it here when the patient answers.";
        return RedirectToPage(new { BookingId });
    }

    /// <summary>False when the booking does not exist (or is not the user's to open); a booking that freed no slot shows a message.</summary>
    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (!await access.MayOpenBookingAsync(BookingId, ct))
        {
            return false;
        }

        if (await waitlist.FreedSlotAsync(BookingId, ct) is not { } slot)
        {
            return true;
        }

        Slot = slot;
        // Names and phone numbers only, as on the calendar: no clinical detail, so a restricted record is listed too.
        Candidates = await waitlist.CandidatesAsync(slot, ct);
        return true;
    }
}
