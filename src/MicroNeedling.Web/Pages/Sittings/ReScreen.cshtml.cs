using MicroNeedling.Clinic.Bookings;
using MicroNeedling.Clinic.Patients;
using MicroNeedling.Clinic.Screening;
using MicroNeedling.Clinic.Sittings;
using MicroNeedling.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroNeedling.Web.Pages.Sittings;

[Authorize(Policy = Policies.Clinical)]
public sealed class ReScreenModel(BookingService bookings, CheckInService checkIn, ScreeningService screenings, PatientAccess access) : PageModel, IShowsPatientRecord
{
    public ViewedRecord? ViewedRecord => new("Booking", Id, Booking.PatientId);

    [BindProperty(SupportsGet = true)]
    public int Id { get; set; }

    [BindProperty]
    public RecordScreeningCommand Input { get; set; } = new();

    public BookingView Booking { get; private set; } = default!;

    /// <summary>A screening already recorded today: shown, so the patient is not asked the same questions twice.</summary>
    public Clinic.Screening.Screening? Today { get; private set; }

    /// <summary>A recent "not suitable" finding today's answers may clear: shown, and clearing it needs a note.</summary>
    public Clinic.Screening.Screening? Reversing { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await checkIn.ReScreenAsync(Id, Input, ct);
        if (!result.Succeeded)
        {
            ModelState.AddServiceErrors(result, nameof(Input));
            return Page();
        }

        TempData["Flash"] = result.Value!.Message;
        return RedirectToPage("/Bookings/Details", new { id = Id });
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var booking = await access.MayOpenBookingAsync(Id, ct) ? await bookings.ViewAsync(Id, ct) : null;
        Booking = booking!;
        Today = booking is null ? null : await screenings.TodaysAsync(booking.PatientId, ct);
        Reversing = booking is null ? null : await screenings.HardStopToReverseAsync(booking.PatientId, ct);
        return booking is not null;
    }
}
