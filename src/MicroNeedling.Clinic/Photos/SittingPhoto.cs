using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.Sittings;

namespace MicroNeedling.Clinic.Photos;

/// <summary>
/// A photo of one treated area and view, taken at a sitting. The bytes live in the media store (never in wwwroot), without
/// any of the camera's metadata; the row says where, and is what the access check and the audit trail are about.
/// </summary>
public sealed class SittingPhoto : IStamped
{
    public int Id { get; set; }

    public int PatientId { get; set; }

    public int CoursePlanId { get; set; }

    public int BookingId { get; set; }

    public int SittingNumber { get; set; }

    /// <summary>The sitting's date in the clinic's time zone, for the labels of the timeline and the comparison.</summary>
    public DateOnly TakenOn { get; set; }

    public NeedlingArea Area { get; set; }

    public PhotoView View { get; set; }

    /// <summary>What the custom view is ("chin from below"); only with <see cref="PhotoView.Custom"/>.</summary>
    public string? CustomView { get; set; }

    public string DisplayKey { get; set; } = "";

    public string ThumbnailKey { get; set; } = "";

    public int Width { get; set; }

    public int Height { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public string CreatedBy { get; set; } = "";
}
