using MicroNeedling.Clinic.Bookings;
using MicroNeedling.Clinic.Consent;
using MicroNeedling.Clinic.Patients;
using MicroNeedling.Clinic.Photos;
using MicroNeedling.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroNeedling.Web.Pages.Photos;

/// <summary>The photos of one sitting: taken with the tablet's or phone's camera, or chosen from a file.</summary>
[RequestSizeLimit(UploadedFile.RequestLimit)]
[RequestFormLimits(MultipartBodyLengthLimit = UploadedFile.RequestLimit)]
public sealed class SittingModel(BookingService bookings, PhotoService photos, ConsentGate consents, PatientAccess access) : PageModel, IShowsPatientRecord
{
    public ViewedRecord? ViewedRecord => Booking is null ? null : new("Booking", BookingId, Booking.PatientId);

    [BindProperty(SupportsGet = true)]
    public int BookingId { get; set; }

    [BindProperty]
    public UploadPhotoCommand Input { get; set; } = new();

    /// <summary>A file chosen from the device.</summary>
    [BindProperty]
    public IFormFile? Photo { get; set; }

    /// <summary>A photo taken with the device's camera (the input with <c>capture</c>, which on a phone opens the camera).</summary>
    [BindProperty]
    public IFormFile? Camera { get; set; }

    public BookingView? Booking { get; private set; }

    public CourseConsent? Consent { get; private set; }

    public IReadOnlyList<PhotoItem> Photos { get; private set; } = [];

    public bool CanTakePhotos => Consent is { AllowsPhotos: true } && Booking?.Status is BookingStatus.CheckedIn or BookingStatus.Completed;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        Input.BookingId = BookingId;
        // Always from the file input: the bytes never come from a form field a client could fill in another way.
        Input.Content = await UploadedFile.ReadAsync(Camera is { Length: > 0 } ? Camera : Photo, ct);
        var result = await photos.UploadAsync(Input, ct);
        if (!result.Succeeded)
        {
            ModelState.AddServiceErrors(result, nameof(Input));
            ModelState.MoveErrors($"{nameof(Input)}.{nameof(Input.Content)}", nameof(Photo));
            return Page();
        }

        TempData["Flash"] = "The photo is saved.";
        return RedirectToPage("Sitting", new { bookingId = BookingId });
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        Booking = await access.MayOpenBookingAsync(BookingId, ct) ? await bookings.ViewAsync(BookingId, ct) : null;
        if (Booking is null)
        {
            return false;
        }

        Consent = await consents.ForCourseAsync(Booking.PlanId, ct);
        Photos = await photos.ForBookingAsync(BookingId, ct);
        return true;
    }
}
