namespace MicroNeedling.Clinic.Media;

/// <summary>A document as it will be stored.</summary>
public sealed record StoredDocument(byte[] Content, string ContentType, string Extension);

public sealed record DocumentCheckResult(StoredDocument? Document, string? Refusal)
{
    public bool Succeeded => Document is not null;

    public static DocumentCheckResult Refused(string message) => new(null, message);
}

/// <summary>
/// What an attached document may be: a PDF (by its header and its end-of-file marker, kept as sent and only ever downloaded),
/// or a JPEG or PNG, which is processed like a photo (metadata stripped) at a size where a letter stays readable.
/// </summary>
public sealed class DocumentCheck(ImageSanitiser images)
{
    private static ReadOnlySpan<byte> EndOfFile => "%%EOF"u8;

    public DocumentCheckResult Check(byte[] content)
    {
        if (content.Length == 0)
        {
            return DocumentCheckResult.Refused("The file is empty.");
        }

        if (content.LongLength > UploadLimits.MaxBytes)
        {
            return DocumentCheckResult.Refused(ImageSanitiser.TooLarge(content.LongLength));
        }

        switch (FileSniffer.Detect(content))
        {
            case UploadedFileType.Pdf:
                // A PDF ends with %%EOF (possibly followed by a line break): a truncated upload or a renamed file does not.
                var tail = content.AsSpan(Math.Max(0, content.Length - 1024));
                return tail.IndexOf(EndOfFile) >= 0
                    ? new DocumentCheckResult(new StoredDocument(content, "application/pdf", ".pdf"), null)
                    : DocumentCheckResult.Refused("The PDF is incomplete or damaged (it has no end-of-file marker). Save or scan it again.");
            case UploadedFileType.Jpeg or UploadedFileType.Png or UploadedFileType.Heic:
                var image = images.Process(content, UploadLimits.DocumentImageMaxEdge);
                return image.Succeeded
                    ? new DocumentCheckResult(new StoredDocument(image.Image!.Display, "image/jpeg", ".jpg"), null)
                    : DocumentCheckResult.Refused(image.Refusal!);
            default:
                return DocumentCheckResult.Refused("Attach a PDF, JPEG or PNG file.");
        }
    }
}
