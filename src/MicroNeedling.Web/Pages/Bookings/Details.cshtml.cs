using MicroNeedling.Clinic.Bookings;
using MicroNeedling.Clinic.Calendar;
using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.Patients;
using MicroNeedling.Clinic.Settings;
using MicroNeedling.Clinic.Sittings;
using MicroNeedling.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroNeedling.Web.Pages.Bookings;

public sealed class DetailsModel(
    BookingService bookings, ClinicSettingsService settings, SittingGuard guard, Clinic.Consent.ConsentGate consents, PatientAccess access, TimeProvider time,
    Clinic.Waitlist.WaitlistService waitlist, Clinic.Messaging.OutboxService outbox) : PageModel, IShowsPatientRecord
{
    /// <summary>The mails about this booking (confirmation, notices, reminder) and where each stands.</summary>
    public IReadOnlyList<Clinic.Messaging.BookingMail> Mails { get; private set; } = [];

    /// <summary>The future slot this booking gave up by a cancellation or a move, when someone is on the waitlist to take it.</summary>
    public Clinic.Waitlist.FreedSlot? FreedSlot { get; private set; }

    public ViewedRecord? ViewedRecord => new("Booking", Id, Booking.PatientId);

    [BindProperty(SupportsGet = true)]
    public int Id { get; set; }

    public BookingView Booking { get; private set; } = default!;

    public string LocalDate { get; private set; } = "";

    /// <summary>For a checked-in sitting: why the needling cannot start yet, or null when it can.</summary>
    public string? StartRefusal { get; private set; }

    /// <summary>Whether the course's consent is signed: front desk sees this, never the consent itself.</summary>
    public Clinic.Consent.CourseConsent Consent { get; private set; } = default!;

    public Task<IActionResult> OnGetAsync(CancellationToken ct) => ShowAsync(ct);

    public Task<IActionResult> OnPostCheckInAsync(CancellationToken ct) =>
        ChangeAsync(() => bookings.CheckInAsync(Id, ct), "The patient is checked in.", ct);

    /// <summary>Clinicians only: the reason may be clinical.</summary>
    public async Task<IActionResult> OnPostNotPerformedAsync(string? notPerformedReason, CancellationToken ct) =>
        User.IsInRole(Clinic.Staff.Roles.Clinician)
            ? await ChangeAsync(() => bookings.MarkNotPerformedAsync(Id, notPerformedReason ?? "", ct), "The sitting is marked not performed. It can be booked again.", ct)
            : Forbid();

    /// <summary>Set when "Mark no-show" was pressed without the confirmation: the page asks before anything changes.</summary>
    public bool ConfirmingNoShow { get; private set; }

    /// <summary>A no-show of today, which can be put back to booked.</summary>
    public bool CanUndoNoShow { get; private set; }

    /// <summary>A no-show needs a second, explicit press (works without JavaScript): it frees the slot and the sitting.</summary>
    public async Task<IActionResult> OnPostNoShowAsync(bool confirm, CancellationToken ct)
    {
        if (confirm)
        {
            return await ChangeAsync(() => bookings.MarkNoShowAsync(Id, ct), "Marked as a no-show. It can be undone today if the patient arrives; the sitting can be booked again.", ct);
        }

        ConfirmingNoShow = true;
        return await ShowAsync(ct);
    }

    public Task<IActionResult> OnPostUndoNoShowAsync(CancellationToken ct) =>
        ChangeAsync(() => bookings.UndoNoShowAsync(Id, ct), "The no-show is undone: the sitting is booked again and the patient can be checked in.", ct);

    // The change is started only after the existence check: both use the one DbContext of the request, which must never
    // run two operations at once.
    private async Task<IActionResult> ChangeAsync(Func<Task<ServiceResult>> change, string done, CancellationToken ct)
    {
        if (!await access.MayOpenBookingAsync(Id, ct))
        {
            return NotFound();
        }

        var result = await change();
        if (!result.Succeeded)
        {
            ModelState.AddServiceErrors(result, "");
            return await ShowAsync(ct);
        }

        TempData["Flash"] = done;
        return RedirectToPage(new { id = Id });
    }

    private async Task<IActionResult> ShowAsync(CancellationToken ct)
    {
        var booking = await access.MayOpenBookingAsync(Id, ct) ? await bookings.ViewAsync(Id, ct) : null;
        if (booking is null)
        {
            return NotFound();
        }

        Booking = booking;
        Consent = await consents.ForCourseAsync(booking.PlanId, ct);
        if (booking.Status == BookingStatus.CheckedIn)
        {
            StartRefusal = await bookings.StartRefusalAsync(Id, guard, ct);
        }

        var clock = ClinicTime.For((await settings.GetAsync(ct)).TimeZoneId);
        LocalDate = clock.LocalDate(booking.StartUtc).ToString("yyyy-MM-dd");
        CanUndoNoShow = booking.Status == BookingStatus.NoShow && clock.LocalDate(booking.StartUtc) == clock.Today(time);
        Mails = await outbox.ForBookingAsync(Id, ct);
        if (await waitlist.FreedSlotAsync(Id, ct) is { } freed && freed.StartUtc > time.GetUtcNow().UtcDateTime && await waitlist.AnyoneWaitingAsync(ct))
        {
            FreedSlot = freed;
        }

        return Page();
    }
}
