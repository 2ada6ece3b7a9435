namespace MicroNeedling.Clinic.Documents;

public sealed class AttachDocumentCommand
{
    public int PatientId { get; set; }

    public DocumentKind? Kind { get; set; }

    public string Title { get; set; } = "";

    /// <summary>The file's name on the uploader's computer (only kept, cleaned, for the download's name).</summary>
    public string? FileName { get; set; }

    /// <summary>The uploaded file, read up to <see cref="Media.UploadLimits.MaxBytes"/> + 1 bytes by the caller.</summary>
    public byte[] Content { get; set; } = [];
}
