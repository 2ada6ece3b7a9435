using MicroNeedling.Clinic.Media;

namespace MicroNeedling.Clinic.Tests.Media;

public sealed class SniffingTheFileTypeTests
{
    public static TheoryData<string, byte[], UploadedFileType> Heads => new()
    {
        { "JPEG", [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10], UploadedFileType.Jpeg },
        { "PNG", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0], UploadedFileType.Png },
        { "PDF", "%PDF-1.7"u8.ToArray(), UploadedFileType.Pdf },
        { "HEIC", [0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x68, 0x65, 0x69, 0x63], UploadedFileType.Heic },
        { "HEIF mif1", [0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x6D, 0x69, 0x66, 0x31], UploadedFileType.Heic },
        { "MP4 (ftyp isom)", [0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6F, 0x6D], UploadedFileType.Unknown },
        { "GIF", "GIF89a"u8.ToArray(), UploadedFileType.Unknown },
        { "ELF executable", [0x7F, 0x45, 0x4C, 0x46], UploadedFileType.Unknown },
        { "PNG signature cut short", [0x89, 0x50, 0x4E, 0x47], UploadedFileType.Unknown },
        { "nothing", [], UploadedFileType.Unknown },
    };

    [Theory]
    [MemberData(nameof(Heads))]
    public void The_type_comes_from_the_first_bytes(string what, byte[] head, UploadedFileType expected) =>
        Assert.True(expected == FileSniffer.Detect(head), what);
}
