using BenchmarkDotNet.Attributes;
using MicroNeedling.Clinic.Media;
using SkiaSharp;

namespace MicroNeedling.Benchmarks;

/// <summary>
/// Upload to thumbnail (issue 16): a 12-megapixel phone JPEG through <see cref="ImageSanitiser.Process"/>, which checks it,
/// decodes it, turns it upright, scales it to the display size and the thumbnail and re-encodes both without metadata.
/// The picture is noise over a gradient, so it compresses like a photo (about 4 MB), not like a flat test card.
/// Managed allocations only: Skia's pixel buffers are native, and <see cref="PeakNativeBytes"/> reports them.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class PhotoUploadBenchmarks
{
    private readonly ImageSanitiser sanitiser = new();
    private byte[] twelveMegapixels = [];
    private byte[] sideways = [];

    [GlobalSetup]
    public void Setup()
    {
        twelveMegapixels = PhoneLikeJpeg(4000, 3000);
        sideways = WithOrientation6(twelveMegapixels);
        Console.WriteLine($"// 12 MP JPEG: {twelveMegapixels.Length:N0} bytes");
    }

    [Benchmark(Baseline = true, Description = "12 MP JPEG to display + thumbnail")]
    public int TwelveMegapixelJpeg() => sanitiser.Process(twelveMegapixels).Image!.Thumbnail.Length;

    [Benchmark(Description = "12 MP JPEG taken sideways (EXIF orientation 6)")]
    public int TwelveMegapixelJpegSideways() => sanitiser.Process(sideways).Image!.Thumbnail.Length;

    /// <summary>Not a benchmark: a rough reading of the native memory one upload takes, printed once.</summary>
    [GlobalCleanup]
    public void PeakNativeBytes()
    {
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        process.Refresh();
        Console.WriteLine($"// peak working set of the benchmark process: {process.PeakWorkingSet64 / 1048576.0:N0} MB");
    }

    private static byte[] PhoneLikeJpeg(int width, int height)
    {
        var random = new Random(42);
        using var bitmap = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Premul);
        var pixels = new byte[width * height * 4];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var i = ((y * width) + x) * 4;
                var noise = random.Next(-24, 25);
                pixels[i] = (byte)Math.Clamp((x * 255 / width) + noise, 0, 255);
                pixels[i + 1] = (byte)Math.Clamp((y * 255 / height) + noise, 0, 255);
                pixels[i + 2] = (byte)Math.Clamp(160 + noise, 0, 255);
                pixels[i + 3] = 255;
            }
        }

        System.Runtime.InteropServices.Marshal.Copy(pixels, 0, bitmap.GetPixels(), pixels.Length);
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 92);
        return data.ToArray();
    }

    // An EXIF APP1 segment with only Orientation = 6, inserted after the start-of-image marker.
    private static byte[] WithOrientation6(byte[] jpeg)
    {
        byte[] exif =
        [
            0xFF, 0xE1, 0x00, 0x22, (byte)'E', (byte)'x', (byte)'i', (byte)'f', 0, 0,
            (byte)'M', (byte)'M', 0x00, 0x2A, 0x00, 0x00, 0x00, 0x08,
            0x00, 0x01, 0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, 0x06, 0x00, 0x00,
            0x00, 0x00, 0x00, 0x00,
        ];
        return [.. jpeg[..2], .. exif, .. jpeg[2..]];
    }
}
