using MicroNeedling.Clinic.Bookings;
using MicroNeedling.Clinic.Patients;
using MicroNeedling.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroNeedling.Web.Pages.Bookings;

public sealed class CancelModel(BookingService bookings, PatientAccess access) : PageModel, IShowsPatientRecord
{
    public ViewedRecord? ViewedRecord => new("Booking", Id, Booking.PatientId);

    [BindProperty(SupportsGet = true)]
    public int Id { get; set; }

    [BindProperty]
    public CancelBookingCommand Input { get; set; } = new();

    public BookingView Booking { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        Input.BookingId = Id;
        var result = await bookings.CancelAsync(Input, ct);
        if (!result.Succeeded)
        {
            ModelState.AddServiceErrors(result, nameof(Input));
            return Page();
        }

        TempData["Flash"] = "The booking is cancelled. The sitting can be booked again.";
        return RedirectToPage("Details", new { id = Id });
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var booking = await access.MayOpenBookingAsync(Id, ct) ? await bookings.ViewAsync(Id, ct) : null;
        Booking = booking!;
        return booking is not null;
    }
}
