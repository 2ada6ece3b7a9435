using MicroNeedling.Clinic.Common;

namespace MicroNeedling.Clinic.Documents;

/// <summary>A file attached to a patient: a doctor's clearance letter, an outside report. Same store, checks, access and audit as photos.</summary>
public sealed class PatientDocument : IStamped
{
    public int Id { get; set; }

    public int PatientId { get; set; }

    public DocumentKind Kind { get; set; }

    public string Title { get; set; } = "";

    /// <summary>The clearance the letter supports, when it was attached from the clearance form.</summary>
    public int? DoctorClearanceId { get; set; }

    /// <summary>The name the file had on the uploader's computer, for the download; reduced to safe characters.</summary>
    public string FileName { get; set; } = "";

    public string ContentType { get; set; } = "";

    public string StorageKey { get; set; } = "";

    public long ByteSize { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public string CreatedBy { get; set; } = "";
}
