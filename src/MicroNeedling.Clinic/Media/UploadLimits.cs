namespace MicroNeedling.Clinic.Media;

/// <summary>What an upload may be. Generous for a phone's photo or a scanned letter; far below what would hurt the server.</summary>
public static class UploadLimits
{
    /// <summary>20 MB: a 12-megapixel JPEG is 3–6 MB, a 48-megapixel one about 15 MB.</summary>
    public const long MaxBytes = 20 * 1024 * 1024;

    /// <summary>
    /// 50 megapixels, read from the file's header before anything is decoded: a phone's 48 MP photo passes, while a small
    /// file that claims 20,000 × 20,000 pixels (1.6 GB once decoded) is refused without allocating them.
    /// </summary>
    public const long MaxPixels = 50_000_000;

    /// <summary>The photo kept for display and comparison, longest edge.</summary>
    public const int DisplayMaxEdge = 2048;

    public const int ThumbnailMaxEdge = 320;

    /// <summary>A photographed or scanned letter stays readable at this size.</summary>
    public const int DocumentImageMaxEdge = 3000;

    public const int JpegQuality = 85;
}
