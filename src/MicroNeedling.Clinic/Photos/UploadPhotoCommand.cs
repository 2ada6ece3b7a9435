using MicroNeedling.Clinic.Sittings;

namespace MicroNeedling.Clinic.Photos;

/// <summary>A photo taken at a sitting: the file's bytes as uploaded, and what it shows.</summary>
public sealed class UploadPhotoCommand
{
    public int BookingId { get; set; }

    public NeedlingArea? Area { get; set; }

    public PhotoView? View { get; set; }

    public string? CustomView { get; set; }

    /// <summary>The uploaded file, read up to <see cref="Media.UploadLimits.MaxBytes"/> + 1 bytes by the caller.</summary>
    public byte[] Content { get; set; } = [];
}
