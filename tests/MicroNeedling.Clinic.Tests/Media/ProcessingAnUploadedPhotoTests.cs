using MetadataExtractor;
using MetadataExtractor.Formats.Exif;
using MetadataExtractor.Formats.Xmp;
using MicroNeedling.Clinic.Media;
using MicroNeedling.Testing;
using SkiaSharp;

namespace MicroNeedling.Clinic.Tests.Media;

public sealed class ProcessingAnUploadedPhotoTests
{
    private readonly ImageSanitiser sanitiser = new();

    [Fact]
    public void A_phone_photo_with_a_GPS_position_comes_back_without_any_metadata()
    {
        var upload = ImageFixtures.WithExif(ImageFixtures.Jpeg(800, 600), orientation: 1);
        // The fixture really carries what a phone writes, read with the same library the assertions use.
        var before = ImageMetadataReader.ReadMetadata(new MemoryStream(upload));
        Assert.Contains(before, d => d is GpsDirectory);
        Assert.Equal("FixtureCam", before.OfType<ExifIfd0Directory>().Single().GetDescription(ExifDirectoryBase.TagMake));

        var result = sanitiser.Process(upload);

        Assert.True(result.Succeeded, result.Refusal);
        foreach (var stored in new[] { result.Image!.Display, result.Image.Thumbnail })
        {
            var after = ImageMetadataReader.ReadMetadata(new MemoryStream(stored));
            Assert.DoesNotContain(after, d => d is GpsDirectory);
            Assert.DoesNotContain(after, d => d is ExifIfd0Directory or ExifSubIfdDirectory or XmpDirectory);
            Assert.Equal(UploadedFileType.Jpeg, FileSniffer.Detect(stored));
        }
    }

    [Fact]
    public void A_photo_taken_sideways_is_stored_upright_with_its_pixels_turned()
    {
        // Orientation 6: the camera stored the picture turned; viewers rotate it 90° clockwise. The red block painted in the
        // stored top-left corner must end up top-right once the pixels themselves are turned.
        var upload = ImageFixtures.WithExif(ImageFixtures.Jpeg(400, 200), orientation: 6);

        var result = sanitiser.Process(upload);

        Assert.True(result.Succeeded, result.Refusal);
        Assert.Equal((200, 400), (result.Image!.Width, result.Image.Height));
        using var stored = SKBitmap.Decode(result.Image.Display);
        Assert.Equal((200, 400), (stored.Width, stored.Height));
        Assert.True(IsRed(stored.GetPixel(200 - 20, 20)), $"top-right is {stored.GetPixel(180, 20)}");
        Assert.False(IsRed(stored.GetPixel(20, 20)), "top-left should be grey now");
    }

    [Theory]
    [InlineData(1, 400, 200, "top-left")]
    [InlineData(2, 400, 200, "top-right")]     // mirrored left to right
    [InlineData(3, 400, 200, "bottom-right")]  // upside down
    [InlineData(4, 400, 200, "bottom-left")]   // mirrored top to bottom
    [InlineData(5, 200, 400, "top-left")]      // transposed
    [InlineData(6, 200, 400, "top-right")]     // turned clockwise
    [InlineData(7, 200, 400, "bottom-right")]  // transverse
    [InlineData(8, 200, 400, "bottom-left")]   // turned anticlockwise
    public void Every_EXIF_orientation_puts_the_stored_top_left_corner_where_EXIF_says(ushort orientation, int width, int height, string corner)
    {
        var result = sanitiser.Process(ImageFixtures.WithExif(ImageFixtures.Jpeg(400, 200), orientation));

        using var stored = SKBitmap.Decode(result.Image!.Display);
        Assert.Equal((width, height), (stored.Width, stored.Height));
        var x = corner.EndsWith("left", StringComparison.Ordinal) ? 20 : width - 20;
        var y = corner.StartsWith("top", StringComparison.Ordinal) ? 20 : height - 20;
        Assert.True(IsRed(stored.GetPixel(x, y)), $"orientation {orientation}: the red corner is not at the {corner}");
        Assert.False(IsRed(stored.GetPixel(width - x, height - y)));
    }

    [Fact]
    public void A_JPEG_start_followed_by_garbage_is_refused_without_an_exception()
    {
        var garbage = new byte[10_000];
        new Random(19).NextBytes(garbage);
        garbage[0] = 0xFF;
        garbage[1] = 0xD8;
        garbage[2] = 0xFF;

        Assert.False(sanitiser.Process(garbage).Succeeded);
    }

    [Fact]
    public void A_transparent_PNG_area_becomes_white_not_black()
    {
        using var bitmap = new SKBitmap(new SKImageInfo(50, 50, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        bitmap.Erase(SKColors.Transparent);
        using var png = bitmap.Encode(SKEncodedImageFormat.Png, 100);

        using var stored = SKBitmap.Decode(sanitiser.Process(png.ToArray()).Image!.Display);

        Assert.True(stored.GetPixel(25, 25) is { Red: > 245, Green: > 245, Blue: > 245 });
    }

    [Fact]
    public void A_large_photo_is_kept_at_display_size_with_a_thumbnail_and_a_small_one_is_not_enlarged()
    {
        var large = sanitiser.Process(ImageFixtures.Jpeg(3000, 1500));
        var small = sanitiser.Process(ImageFixtures.Png(300, 200));

        Assert.Equal((2048, 1024), (large.Image!.Width, large.Image.Height));
        using var thumbnail = SKBitmap.Decode(large.Image.Thumbnail);
        Assert.Equal((320, 160), (thumbnail.Width, thumbnail.Height));
        Assert.Equal((300, 200), (small.Image!.Width, small.Image.Height));
        Assert.Equal(UploadedFileType.Jpeg, FileSniffer.Detect(small.Image.Display));
    }

    public static TheoryData<string, byte[], string> RefusedUploads => new()
    {
        { "an executable renamed photo.jpg", [0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0], "not a JPEG or PNG image" },
        { "a Windows program", "MZ\u0090\0\u0003\0\0\0"u8.ToArray(), "not a JPEG or PNG image" },
        { "a PDF offered as a photo", "%PDF-1.7\n%%EOF"u8.ToArray(), "not a JPEG or PNG image" },
        { "an empty file", [], "The file is empty." },
        { "an iPhone HEIC photo", [0, 0, 0, 0x18, (byte)'f', (byte)'t', (byte)'y', (byte)'p', (byte)'h', (byte)'e', (byte)'i', (byte)'c', 0, 0, 0, 0], "HEIC photos cannot be read here" },
    };

    [Theory]
    [MemberData(nameof(RefusedUploads))]
    public void A_file_that_is_not_a_photo_is_refused_with_a_message_that_says_why(string what, byte[] content, string message)
    {
        var result = sanitiser.Process(content);

        Assert.False(result.Succeeded, what);
        Assert.Contains(message, result.Refusal);
    }

    [Fact]
    public void A_small_file_claiming_20000_by_20000_pixels_is_refused_before_it_is_decoded()
    {
        var bomb = ImageFixtures.HugePng();
        Assert.True(bomb.Length < 2 * 1024 * 1024, $"the fixture is {bomb.Length} bytes");
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();

        var result = sanitiser.Process(bomb);

        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        Assert.False(result.Succeeded);
        Assert.Equal("The image is 20,000 × 20,000 pixels; the most accepted is 50 megapixels.", result.Refusal);
        // Decoding would take 1.6 GB; refusing from the header takes next to nothing (native memory would not show here,
        // so the message above is the proof: it is written before any pixel buffer exists).
        Assert.True(allocated < 16 * 1024 * 1024, $"{allocated:N0} bytes allocated");
    }

    [Fact]
    public void An_oversized_file_is_refused_with_its_size_and_the_limit()
    {
        var content = new byte[UploadLimits.MaxBytes + 1];
        ImageFixtures.Jpeg(10, 10).CopyTo(content, 0);

        var result = sanitiser.Process(content);

        Assert.Equal("The file is 20.0 MB; the most accepted is 20 MB.", result.Refusal);
    }

    [Fact]
    public void A_truncated_photo_is_refused_without_an_exception()
    {
        var whole = ImageFixtures.Jpeg(640, 480);

        var result = sanitiser.Process(whole[..(whole.Length / 2)]);

        Assert.False(result.Succeeded);
        Assert.Contains("damaged or incomplete", result.Refusal);
    }

    private static bool IsRed(SKColor c) => c.Red > 200 && c.Green < 70 && c.Blue < 70;
}
