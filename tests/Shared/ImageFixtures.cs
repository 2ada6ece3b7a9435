using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using SkiaSharp;

namespace MicroNeedling.Testing;

/// <summary>
/// Images made in the test, as a phone would send them: a JPEG with an EXIF block (camera make and model, orientation,
/// GPS position) inserted by hand after the start-of-image marker, and a PNG that claims enormous dimensions.
/// </summary>
public static class ImageFixtures
{
    /// <summary>A width × height JPEG, grey, with a red 40 × 40 block in its top-left corner.</summary>
    public static byte[] Jpeg(int width, int height, int quality = 90)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(new SKColor(128, 128, 128));
            using var red = new SKPaint { Color = SKColors.Red };
            canvas.DrawRect(0, 0, 40, 40, red);
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, quality);
        return data.ToArray();
    }

    public static byte[] Png(int width, int height)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(new SKColor(30, 120, 200));
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>The JPEG with an EXIF APP1 segment: Make/Model "FixtureCam", the given orientation, and a GPS position in London.</summary>
    public static byte[] WithExif(byte[] jpeg, ushort orientation)
    {
        var exif = ExifSegment(orientation);
        var result = new byte[jpeg.Length + exif.Length];
        jpeg.AsSpan(0, 2).CopyTo(result); // SOI
        exif.CopyTo(result, 2);
        jpeg.AsSpan(2).CopyTo(result.AsSpan(2 + exif.Length));
        return result;
    }

    /// <summary>
    /// A valid 1-bit greyscale PNG of 20,000 × 20,000 pixels: about 50 KB on disk, 1.6 GB once decoded to RGBA. A
    /// decompression bomb, unless the size is checked before decoding.
    /// </summary>
    public static byte[] HugePng(int width = 20_000, int height = 20_000)
    {
        var rowBytes = 1 + ((width + 7) / 8);
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            var row = new byte[rowBytes];
            for (var y = 0; y < height; y++)
            {
                zlib.Write(row);
            }
        }

        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 1; // bit depth
        ihdr[9] = 0; // greyscale
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        Chunk(png, "IHDR", ihdr);
        Chunk(png, "IDAT", compressed.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        png.Write(length);
        var typeAndData = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(typeAndData);
        Span<byte> crc = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typeAndData));
        png.Write(crc);
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }

        return crc ^ 0xFFFFFFFFu;
    }

    // A big-endian TIFF structure: IFD0 (Make, Model, Orientation, GPS pointer), then the GPS IFD (latitude, longitude).
    private static byte[] ExifSegment(ushort orientation)
    {
        const int ifd0 = 8, ifd0Size = 2 + (4 * 12) + 4;
        var make = Encoding.ASCII.GetBytes("FixtureCam\0\0"); // padded to an even length
        var model = Encoding.ASCII.GetBytes("FixtureCam One\0\0");
        var makeAt = ifd0 + ifd0Size;
        var modelAt = makeAt + make.Length;
        var gpsAt = modelAt + model.Length;
        const int gpsSize = 2 + (4 * 12) + 4;
        var latitudeAt = gpsAt + gpsSize;
        var longitudeAt = latitudeAt + 24;
        var tiff = new byte[longitudeAt + 24];
        var w = new BigEndianWriter(tiff);
        w.Bytes(0, "MM"u8.ToArray());
        w.U16(2, 42);
        w.U32(4, ifd0);

        w.U16(ifd0, 4);
        w.Entry(ifd0 + 2, 0x010F, 2, (uint)make.Length - 1, (uint)makeAt);       // Make, ASCII
        w.Entry(ifd0 + 14, 0x0110, 2, (uint)model.Length - 1, (uint)modelAt);    // Model, ASCII
        w.Entry(ifd0 + 26, 0x0112, 3, 1, (uint)orientation << 16);               // Orientation, SHORT, inline
        w.Entry(ifd0 + 38, 0x8825, 4, 1, (uint)gpsAt);                           // GPS IFD pointer, LONG
        w.U32(ifd0 + 50, 0);
        w.Bytes(makeAt, make);
        w.Bytes(modelAt, model);

        w.U16(gpsAt, 4);
        w.Entry(gpsAt + 2, 0x0001, 2, 2, 0x4E000000);                            // GPSLatitudeRef "N"
        w.Entry(gpsAt + 14, 0x0002, 5, 3, (uint)latitudeAt);                     // GPSLatitude, 3 RATIONAL
        w.Entry(gpsAt + 26, 0x0003, 2, 2, 0x57000000);                           // GPSLongitudeRef "W"
        w.Entry(gpsAt + 38, 0x0004, 5, 3, (uint)longitudeAt);                    // GPSLongitude, 3 RATIONAL
        w.U32(gpsAt + 50, 0);
        w.Rationals(latitudeAt, (51, 1), (30, 1), (2640, 100));                  // 51° 30' 26.4"
        w.Rationals(longitudeAt, (0, 1), (7, 1), (3960, 100));                   // 0° 7' 39.6"

        var payload = "Exif\0\0"u8.ToArray().Concat(tiff).ToArray();
        var segment = new byte[4 + payload.Length];
        segment[0] = 0xFF;
        segment[1] = 0xE1;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)(payload.Length + 2));
        payload.CopyTo(segment, 4);
        return segment;
    }

    private readonly struct BigEndianWriter(byte[] buffer)
    {
        public void U16(int at, ushort value) => BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(at), value);

        public void U32(int at, uint value) => BinaryPrimitives.WriteUInt32BigEndian(buffer.AsSpan(at), value);

        public void U32(int at, int value) => U32(at, (uint)value);

        public void Bytes(int at, byte[] bytes) => bytes.CopyTo(buffer, at);

        public void Entry(int at, ushort tag, ushort type, uint count, uint value)
        {
            U16(at, tag);
            U16(at + 2, type);
            U32(at + 4, count);
            U32(at + 8, value);
        }

        public void Rationals(int at, params (uint Numerator, uint Denominator)[] values)
        {
            for (var i = 0; i < values.Length; i++)
            {
                U32(at + (i * 8), values[i].Numerator);
                U32(at + (i * 8) + 4, values[i].Denominator);
            }
        }
    }
}
