using MicroNeedling.Clinic.Media;
using SkiaSharp;

namespace MicroNeedling.Clinic.Consent;

/// <summary>
/// A signature drawn on the pad, as the browser posts it (a PNG data URL). Checked on the server whatever the page did:
/// a real PNG of a sane size, with ink on it, re-encoded so that nothing but the pixels is stored.
/// </summary>
public static class SignatureImage
{
    private const string Prefix = "data:image/png;base64,";

    // A pad is a few hundred pixels on each side; a device-pixel ratio of 3 still stays well inside.
    private const int MaxEdge = 4000;
    private const int MaxDataUrlLength = 2_000_000;

    // A tap or an accidental touch leaves a dot or two; a signature leaves hundreds of pixels of ink.
    private const int MinInkPixels = 150;

    /// <summary>The PNG to store, or a message for the field.</summary>
    public static (byte[]? Png, string? Refusal) Read(string? dataUrl, string whose)
    {
        var empty = $"{whose} signature box is empty. Sign inside the box.";
        if (string.IsNullOrWhiteSpace(dataUrl))
        {
            return (null, empty);
        }

        if (dataUrl.Length > MaxDataUrlLength || !dataUrl.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return (null, $"{whose} signature could not be read. Clear the box and sign again.");
        }

        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(dataUrl[Prefix.Length..]);
        }
        catch (FormatException)
        {
            return (null, $"{whose} signature could not be read. Clear the box and sign again.");
        }

        if (FileSniffer.Detect(bytes) != UploadedFileType.Png)
        {
            return (null, $"{whose} signature could not be read. Clear the box and sign again.");
        }

        using var codec = SKCodec.Create(new SKMemoryStream(bytes));
        if (codec is null || codec.Info.Width is < 1 or > MaxEdge || codec.Info.Height is < 1 or > MaxEdge)
        {
            return (null, $"{whose} signature could not be read. Clear the box and sign again.");
        }

        using var bitmap = SKBitmap.Decode(codec, codec.Info.WithColorType(SKColorType.Rgba8888).WithAlphaType(SKAlphaType.Unpremul));
        if (bitmap is null)
        {
            return (null, $"{whose} signature could not be read. Clear the box and sign again.");
        }

        if (InkPixels(bitmap) < MinInkPixels)
        {
            return (null, empty);
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return (png.ToArray(), null);
    }

    // Ink: a visible pixel that is not near-white (a pad with a white background is as blank as a transparent one).
    private static int InkPixels(SKBitmap bitmap)
    {
        var ink = 0;
        foreach (var pixel in bitmap.Pixels)
        {
            if (pixel.Alpha > 64 && pixel.Red + pixel.Green + pixel.Blue < 600)
            {
                ink++;
            }
        }

        return ink;
    }
}
