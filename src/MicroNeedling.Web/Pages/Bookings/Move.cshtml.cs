using MicroNeedling.Clinic.Bookings;
using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.Patients;
using MicroNeedling.Clinic.Settings;
using MicroNeedling.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroNeedling.Web.Pages.Bookings;

public sealed class MoveModel(BookingService bookings, ClinicSettingsService settings, PatientAccess access) : PageModel, IShowsPatientRecord
{
    public ViewedRecord? ViewedRecord => new("Booking", Id, Booking.PatientId);

    [BindProperty(SupportsGet = true)]
    public int Id { get; set; }

    [BindProperty]
    public MoveBookingCommand Input { get; set; } = new();

    public BookingView Booking { get; private set; } = default!;

    public SlotFields Slot { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(null, ct))
        {
            return NotFound();
        }

        var clinicTime = ClinicTime.For((await settings.GetAsync(ct)).TimeZoneId);
        var local = clinicTime.ToLocal(Booking.StartUtc);
        Input = new MoveBookingCommand
        {
            BookingId = Id,
            ClinicianId = Booking.ClinicianId,
            RoomId = Booking.RoomId,
            Date = DateOnly.FromDateTime(local),
            Time = TimeOnly.FromDateTime(local),
        };
        await LoadAsync(null, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(null, ct))
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        Input.BookingId = Id;
        var result = await bookings.MoveAsync(Input, ct);
        if (!result.Succeeded)
        {
            ModelState.AddServiceErrors(result, nameof(Input));
            return Page();
        }

        if (result.Value!.NeedsConfirmation)
        {
            await LoadAsync(result.Value.Warning, ct);
            return Page();
        }

        TempData["Flash"] = $"Moved to {Input.Date:ddd d MMM} at {Input.Time:HH:mm}.";
        return RedirectToPage("Details", new { id = Id });
    }

    private async Task<bool> LoadAsync(string? warning, CancellationToken ct)
    {
        var booking = await access.MayOpenBookingAsync(Id, ct) ? await bookings.ViewAsync(Id, ct) : null;
        if (booking is null)
        {
            return false;
        }

        Booking = booking;
        var (clinicians, rooms) = await bookings.ChoicesAsync(ct);
        var free = await bookings.RoomsForAsync(booking.SittingId, Input.Date, Input.Time, ignoreBookingId: Id, ct);
        Slot = new SlotFields(clinicians, rooms, Input, ModelState, warning) { RoomStates = free };
        return true;
    }
}
