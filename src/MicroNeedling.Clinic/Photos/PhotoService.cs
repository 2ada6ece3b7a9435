using FluentValidation;
using MicroNeedling.Clinic.Audit;
using MicroNeedling.Clinic.Bookings;
using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.Consent;
using MicroNeedling.Clinic.Data;
using MicroNeedling.Clinic.Media;
using MicroNeedling.Clinic.Settings;
using MicroNeedling.Clinic.Sittings;
using Microsoft.EntityFrameworkCore;

namespace MicroNeedling.Clinic.Photos;

/// <summary>
/// Before/after photos of a course. Taken only at a checked-in or completed sitting, only with the consent's photo choice for
/// the clinical record, and stored without metadata (<see cref="ImageSanitiser"/>). Every time a photo's bytes are read, an
/// audit entry says who saw it, as for a chart.
/// </summary>
public sealed class PhotoService(
    ClinicDbContext db,
    IMediaStore store,
    ImageSanitiser images,
    ConsentGate consents,
    ClinicSettingsService settings,
    AuditService audit,
    IValidator<UploadPhotoCommand> validator)
{
    public async Task<ServiceResult<int>> UploadAsync(UploadPhotoCommand command, CancellationToken ct = default)
    {
        var validation = await validator.ValidateAsync(command, ct);
        if (!validation.IsValid)
        {
            return ServiceResult<int>.Fail(validation);
        }

        var sitting = await db.Bookings.AsNoTracking().Where(b => b.Id == command.BookingId)
            .Select(b => new { b.Id, b.PatientId, b.Status, b.StartUtc, PlanId = b.Sitting!.CoursePlanId, b.Sitting.Number })
            .SingleOrDefaultAsync(ct);
        if (sitting is null)
        {
            return ServiceResult<int>.Fail("", "That sitting does not exist.");
        }

        if (sitting.Status is not (BookingStatus.CheckedIn or BookingStatus.Completed))
        {
            return ServiceResult<int>.Fail("", "Photos are taken at a sitting: the patient must be checked in (or the sitting charted) first.");
        }

        var consent = await consents.ForCourseAsync(sitting.PlanId, ct);
        if (!consent.AllowsPhotos)
        {
            return ServiceResult<int>.Fail("", consent.AllowsTreatment
                ? "The patient did not consent to photos for the clinical record. No photo can be taken on this consent."
                : "Photos need the patient's signed consent for this course, with the choice of photos for the clinical record.");
        }

        // Decoding is the expensive part, and it is done before the write lock is taken.
        var processed = images.Process(command.Content);
        if (!processed.Succeeded)
        {
            return ServiceResult<int>.Fail(nameof(UploadPhotoCommand.Content), processed.Refusal!);
        }

        var clinic = await settings.GetAsync(ct);
        var takenOn = ClinicTime.For(clinic.TimeZoneId).LocalDate(sitting.StartUtc);
        var displayKey = MediaKeys.New("photos", takenOn, "display", ".jpg");
        var thumbnailKey = MediaKeys.New("photos", takenOn, "thumb", ".jpg");

        await using var transaction = await db.Database.BeginWriteTransactionAsync(ct);
        await store.SaveAsync(displayKey, processed.Image!.Display, ct);
        await store.SaveAsync(thumbnailKey, processed.Image.Thumbnail, ct);
        var photo = new SittingPhoto
        {
            PatientId = sitting.PatientId,
            CoursePlanId = sitting.PlanId,
            BookingId = sitting.Id,
            SittingNumber = sitting.Number,
            TakenOn = takenOn,
            Area = command.Area!.Value,
            View = command.View!.Value,
            CustomView = command.View == PhotoView.Custom ? command.CustomView!.Trim() : null,
            DisplayKey = displayKey,
            ThumbnailKey = thumbnailKey,
            Width = processed.Image.Width,
            Height = processed.Image.Height,
        };
        db.SittingPhotos.Add(photo);
        try
        {
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch
        {
            // A folder store wrote its files outside the transaction: take them back so no orphan bytes stay behind.
            await MediaCleanup.ForgetAsync(store, displayKey, thumbnailKey);
            throw;
        }

        return ServiceResult<int>.Ok(photo.Id);
    }

    /// <summary>The photo's bytes (a JPEG), with an audit entry for the view; null when there is no such photo or file.</summary>
    public async Task<byte[]?> ReadAsync(int photoId, PhotoSize size, CancellationToken ct = default)
    {
        var photo = await db.SittingPhotos.AsNoTracking().Where(p => p.Id == photoId)
            .Select(p => new { p.PatientId, p.DisplayKey, p.ThumbnailKey }).SingleOrDefaultAsync(ct);
        if (photo is null)
        {
            return null;
        }

        var bytes = await store.ReadAsync(size == PhotoSize.Display ? photo.DisplayKey : photo.ThumbnailKey, ct);
        if (bytes is not null)
        {
            // Not the request's token: a photo that was sent is recorded even if the browser went away meanwhile.
            await audit.RecordAsync(AuditActions.View, nameof(SittingPhoto), photoId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                photo.PatientId, size == PhotoSize.Display ? "Display" : "Thumbnail", CancellationToken.None);
        }

        return bytes;
    }

    public Task<List<PhotoItem>> ForCourseAsync(int planId, CancellationToken ct = default) =>
        Items(db.SittingPhotos.Where(p => p.CoursePlanId == planId)).ToListAsync(ct);

    public Task<List<PhotoItem>> ForPatientAsync(int patientId, CancellationToken ct = default) =>
        Items(db.SittingPhotos.Where(p => p.PatientId == patientId)).ToListAsync(ct);

    public Task<List<PhotoItem>> ForBookingAsync(int bookingId, CancellationToken ct = default) =>
        Items(db.SittingPhotos.Where(p => p.BookingId == bookingId)).ToListAsync(ct);

    /// <summary>
    /// The first and latest photo of one area and view on a course (for a custom view, the same name), or null when fewer
    /// than two sittings have one.
    /// </summary>
    public async Task<PhotoComparison?> CompareAsync(int planId, NeedlingArea area, PhotoView view, string? customView, CancellationToken ct = default)
    {
        var photos = (await Items(db.SittingPhotos.Where(p => p.CoursePlanId == planId && p.Area == area && p.View == view)).ToListAsync(ct))
            .Where(p => view != PhotoView.Custom || string.Equals(p.CustomView, customView?.Trim(), StringComparison.OrdinalIgnoreCase))
            .ToList();
        if (photos.Select(p => p.SittingNumber).Distinct().Count() < 2)
        {
            return null;
        }

        return new PhotoComparison(photos.First(), photos.Last());
    }

    private static IQueryable<PhotoItem> Items(IQueryable<SittingPhoto> photos) =>
        photos.AsNoTracking().OrderBy(p => p.SittingNumber).ThenBy(p => p.Id)
            .Select(p => new PhotoItem(p.Id, p.CoursePlanId, p.BookingId, p.SittingNumber, p.TakenOn, p.Area, p.View, p.CustomView, p.Width, p.Height));
}
