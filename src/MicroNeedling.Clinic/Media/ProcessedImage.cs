namespace MicroNeedling.Clinic.Media;

/// <summary>An upload after processing: upright, resized, re-encoded as JPEG with no metadata at all.</summary>
public sealed record ProcessedImage(byte[] Display, byte[] Thumbnail, int Width, int Height);

/// <summary>Either the processed image or a message a clinician can act on.</summary>
public sealed record ImageProcessingResult(ProcessedImage? Image, string? Refusal)
{
    public bool Succeeded => Image is not null;

    public static ImageProcessingResult Refused(string message) => new(null, message);
}
