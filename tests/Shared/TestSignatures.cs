using SkiaSharp;

namespace MicroNeedling.Testing;

/// <summary>Signatures as the pad posts them: a PNG data URL with a pen stroke on a transparent background.</summary>
public static class TestSignatures
{
    /// <summary>A wavy stroke across a 500 × 160 pad.</summary>
    public static string Handwritten() => Draw(canvas =>
    {
        using var pen = new SKPaint { Color = SKColors.Black, StrokeWidth = 3, IsStroke = true, IsAntialias = true };
        using var path = new SKPath();
        path.MoveTo(20, 100);
        for (var x = 20; x <= 480; x += 20)
        {
            path.LineTo(x, x % 40 == 0 ? 40 : 120);
        }

        canvas.DrawPath(path, pen);
    });

    /// <summary>An untouched pad: transparent, no ink.</summary>
    public static string Blank() => Draw(_ => { });

    /// <summary>A single tap: a dot of a few pixels.</summary>
    public static string Dot() => Draw(canvas =>
    {
        using var pen = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        canvas.DrawCircle(250, 80, 2, pen);
    });

    private static string Draw(Action<SKCanvas> draw)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(500, 160, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.Transparent);
            draw(canvas);
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return "data:image/png;base64," + Convert.ToBase64String(png.ToArray());
    }
}
