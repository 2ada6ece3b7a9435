using System.Globalization;
using SkiaSharp;

namespace MicroNeedling.Clinic.Media;

/// <summary>
/// Turns an uploaded photo into what the clinic keeps (ADR 0019): the type checked by content, the size and the pixel count
/// checked before decoding, the EXIF orientation applied to the pixels, scaled down, and re-encoded as JPEG. Re-encoding
/// is what strips the metadata: the encoder writes pixels only, so GPS position, device, time and maker notes are gone,
/// whatever the camera wrote. Never throws for bad input: a corrupt or hostile file gets a refusal.
/// </summary>
public sealed class ImageSanitiser
{
    public ImageProcessingResult Process(byte[] content, int maxEdge = UploadLimits.DisplayMaxEdge)
    {
        if (content.Length == 0)
        {
            return ImageProcessingResult.Refused("The file is empty.");
        }

        if (content.LongLength > UploadLimits.MaxBytes)
        {
            return ImageProcessingResult.Refused(TooLarge(content.LongLength));
        }

        switch (FileSniffer.Detect(content))
        {
            case UploadedFileType.Jpeg or UploadedFileType.Png:
                break;
            case UploadedFileType.Heic:
                return ImageProcessingResult.Refused("HEIC photos cannot be read here. Set the camera to \"Most compatible\" (JPEG), or upload the photo from the phone's browser, which converts it.");
            default:
                return ImageProcessingResult.Refused("This file is not a JPEG or PNG image.");
        }

        try
        {
            return Decode(content, maxEdge);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or OutOfMemoryException)
        {
            return ImageProcessingResult.Refused(Unreadable);
        }
    }

    private const string Unreadable = "The image could not be read: the file is damaged or incomplete. Take or choose the photo again.";

    private static ImageProcessingResult Decode(byte[] content, int maxEdge)
    {
        using var data = SKData.CreateCopy(content);
        using var codec = SKCodec.Create(data);
        if (codec is null)
        {
            return ImageProcessingResult.Refused(Unreadable);
        }

        // The header's size, before a single pixel is decoded: a decompression bomb is refused here.
        var info = codec.Info;
        if ((long)info.Width * info.Height > UploadLimits.MaxPixels || info.Width <= 0 || info.Height <= 0)
        {
            return ImageProcessingResult.Refused(string.Create(CultureInfo.InvariantCulture,
                $"The image is {info.Width:N0} × {info.Height:N0} pixels; the most accepted is {UploadLimits.MaxPixels / 1_000_000} megapixels."));
        }

        // Decode at the smallest size the codec can produce that is still at least the target (JPEG can decode at 1/2, 1/4,
        // 1/8 directly), which saves most of the time and memory for a phone photo.
        var decodeSize = DecodeSize(codec, maxEdge);
        var decodeInfo = new SKImageInfo(decodeSize.Width, decodeSize.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var decoded = new SKBitmap(decodeInfo);
        var result = codec.GetPixels(decodeInfo, decoded.GetPixels());
        // A truncated upload decodes with a grey band (IncompleteInput): refused, so the clinician takes it again.
        if (result != SKCodecResult.Success)
        {
            return ImageProcessingResult.Refused(Unreadable);
        }

        using var upright = Orient(decoded, codec.EncodedOrigin);
        using var display = Fit(upright, maxEdge);
        using var thumbnail = Fit(display, UploadLimits.ThumbnailMaxEdge);
        return new ImageProcessingResult(new ProcessedImage(Jpeg(display), Jpeg(thumbnail), display.Width, display.Height), null);
    }

    /// <summary>
    /// The smallest size the codec decodes to directly whose longest edge still reaches (nearly) the target. JPEG decodes
    /// fastest at 1/2, 1/4 and 1/8 (the IDCT simply skips coefficients); a photo whose half size falls just short of the
    /// target (a 4000 × 3000 photo gives 2000 × 1500 against 2048) is kept at that size rather than decoded whole, which
    /// costs about twice the time for 2% more pixels.
    /// </summary>
    private static SKSizeI DecodeSize(SKCodec codec, int maxEdge)
    {
        var full = codec.Info.Size;
        var target = Math.Min(maxEdge, Math.Max(full.Width, full.Height)) * 0.95;
        foreach (var scale in new[] { 0.125f, 0.25f, 0.5f })
        {
            var size = codec.GetScaledDimensions(scale);
            if (Math.Max(size.Width, size.Height) >= target)
            {
                return size;
            }
        }

        return full;
    }

    /// <summary>Applies the EXIF orientation to the pixels, so the stored photo is upright without any metadata.</summary>
    private static SKBitmap Orient(SKBitmap source, SKEncodedOrigin origin)
    {
        if (origin is SKEncodedOrigin.TopLeft or SKEncodedOrigin.Default)
        {
            return source.Copy();
        }

        var swaps = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var target = new SKBitmap(swaps ? source.Height : source.Width, swaps ? source.Width : source.Height, source.ColorType, source.AlphaType);
        using var canvas = new SKCanvas(target);
        var w = source.Width;
        var h = source.Height;
        var matrix = origin switch
        {
            SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, w, 0, 1, 0, 0, 0, 1),
            SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, w, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightTop => new SKMatrix(0, -1, h, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, h, -1, 0, w, 0, 0, 1),
            SKEncodedOrigin.LeftBottom => new SKMatrix(0, 1, 0, -1, 0, w, 0, 0, 1),
            _ => SKMatrix.Identity,
        };
        canvas.SetMatrix(matrix);
        canvas.DrawBitmap(source, 0, 0);
        return target;
    }

    private static SKBitmap Fit(SKBitmap source, int maxEdge)
    {
        var longest = Math.Max(source.Width, source.Height);
        if (longest <= maxEdge)
        {
            return source.Copy();
        }

        var width = Math.Max(1, (int)Math.Round(source.Width * (double)maxEdge / longest));
        var height = Math.Max(1, (int)Math.Round(source.Height * (double)maxEdge / longest));
        return source.Resize(new SKImageInfo(width, height, source.ColorType, source.AlphaType), new SKSamplingOptions(SKCubicResampler.Mitchell))
            ?? throw new InvalidOperationException("The image could not be resized.");
    }

    // JPEG has no transparency: a PNG's transparent parts become white, as on paper, rather than black.
    private static byte[] Jpeg(SKBitmap bitmap)
    {
        using var surface = SKSurface.Create(new SKImageInfo(bitmap.Width, bitmap.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        surface.Canvas.Clear(SKColors.White);
        surface.Canvas.DrawBitmap(bitmap, 0, 0);
        using var image = surface.Snapshot();
        using var encoded = image.Encode(SKEncodedImageFormat.Jpeg, UploadLimits.JpegQuality);
        return encoded.ToArray();
    }

    internal static string TooLarge(long bytes) => string.Create(CultureInfo.InvariantCulture,
        $"The file is {bytes / 1048576.0:0.0} MB; the most accepted is {UploadLimits.MaxBytes / 1048576} MB.");
}
