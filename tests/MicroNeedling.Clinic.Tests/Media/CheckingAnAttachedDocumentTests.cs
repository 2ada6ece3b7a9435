using MetadataExtractor;
using MetadataExtractor.Formats.Exif;
using MicroNeedling.Clinic.Media;
using MicroNeedling.Testing;

namespace MicroNeedling.Clinic.Tests.Media;

public sealed class CheckingAnAttachedDocumentTests
{
    private static readonly byte[] MinimalPdf = "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"u8.ToArray();

    private readonly DocumentCheck check = new(new ImageSanitiser());

    [Fact]
    public void A_PDF_letter_is_kept_byte_for_byte()
    {
        var result = check.Check(MinimalPdf);

        Assert.Equal(MinimalPdf, result.Document!.Content);
        Assert.Equal(("application/pdf", ".pdf"), (result.Document.ContentType, result.Document.Extension));
    }

    [Fact]
    public void A_PDF_cut_short_is_refused()
    {
        var result = check.Check(MinimalPdf[..40]);

        Assert.Contains("incomplete or damaged", result.Refusal);
    }

    [Fact]
    public void A_photographed_letter_is_stored_as_a_JPEG_without_its_metadata()
    {
        var result = check.Check(ImageFixtures.WithExif(ImageFixtures.Jpeg(1200, 1600), orientation: 1));

        Assert.Equal(("image/jpeg", ".jpg"), (result.Document!.ContentType, result.Document.Extension));
        Assert.DoesNotContain(ImageMetadataReader.ReadMetadata(new MemoryStream(result.Document.Content)), d => d is GpsDirectory or ExifIfd0Directory);
    }

    [Theory]
    [InlineData("a text file", "Dear colleague, the patient is cleared.")]
    [InlineData("a shell script renamed letter.pdf", "#!/bin/sh\nrm -rf /\n")]
    [InlineData("an HTML page", "<html><script>alert(1)</script></html>")]
    public void Anything_but_a_PDF_JPEG_or_PNG_is_refused(string what, string content)
    {
        var result = check.Check(System.Text.Encoding.UTF8.GetBytes(content));

        Assert.False(result.Succeeded, what);
        Assert.Equal("Attach a PDF, JPEG or PNG file.", result.Refusal);
    }
}
