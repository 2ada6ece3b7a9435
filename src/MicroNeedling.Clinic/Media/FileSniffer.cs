namespace MicroNeedling.Clinic.Media;

/// <summary>
/// The real type of an upload, from its first bytes (magic numbers), never from its name or the browser's content type:
/// an executable renamed photo.jpg is still an executable.
/// </summary>
public static class FileSniffer
{
    private static ReadOnlySpan<byte> Jpeg => [0xFF, 0xD8, 0xFF];

    private static ReadOnlySpan<byte> Png => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private static ReadOnlySpan<byte> Pdf => "%PDF-"u8;

    private static ReadOnlySpan<byte> FileTypeBox => "ftyp"u8;

    public static UploadedFileType Detect(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith(Jpeg))
        {
            return UploadedFileType.Jpeg;
        }

        if (head.StartsWith(Png))
        {
            return UploadedFileType.Png;
        }

        if (head.StartsWith(Pdf))
        {
            return UploadedFileType.Pdf;
        }

        // HEIF: an ISO media file whose first box is "ftyp" with a HEIC/HEIF brand (iPhones' default photo format).
        if (head.Length >= 12 && head[4..8].SequenceEqual(FileTypeBox))
        {
            var brand = System.Text.Encoding.ASCII.GetString(head[8..12]);
            if (brand is "heic" or "heix" or "hevc" or "hevx" or "heim" or "heis" or "mif1" or "msf1")
            {
                return UploadedFileType.Heic;
            }
        }

        return UploadedFileType.Unknown;
    }
}
