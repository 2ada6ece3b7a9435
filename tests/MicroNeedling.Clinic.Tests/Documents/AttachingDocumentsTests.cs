using MicroNeedling.Clinic.Audit;
using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.Documents;
using MicroNeedling.Clinic.Tests.Support;
using MicroNeedling.Testing;
using Microsoft.EntityFrameworkCore;

namespace MicroNeedling.Clinic.Tests.Documents;

public sealed class AttachingDocumentsTests
{
    private static readonly byte[] Letter = "%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"u8.ToArray();

    [Fact]
    public async Task The_clearance_form_attaches_the_doctors_letter_with_the_clearance()
    {
        using var host = new ClinicTestHost();
        var patientId = await host.CreatePatientAsync();
        var screening = await host.ScreenNeedingClearanceAsync(patientId);
        var command = Commands.Clearance(screening.Id);
        command.Letter = Letter;
        command.LetterFileName = @"C:\Scans\Dr Patel <letter>.pdf";

        var result = await host.RecordClearanceAsync(command);

        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Message)));
        var document = await host.QueryAsync(db => db.PatientDocuments.SingleAsync());
        var clearance = await host.QueryAsync(db => db.DoctorClearances.SingleAsync());
        Assert.Equal((patientId, DocumentKind.ClearanceLetter, clearance.Id), (document.PatientId, document.Kind, document.DoctorClearanceId));
        Assert.Equal("Clearance letter from Dr Priya Patel", document.Title);
        Assert.Equal("Dr Patel _letter.pdf", document.FileName);
        var file = await host.RunAsync<DocumentService, DocumentFile?>(s => s.ReadAsync(document.Id));
        Assert.Equal(Letter, file!.Content);
        Assert.Equal(1, await host.QueryAsync(db => db.AuditEntries.CountAsync(e => e.Action == AuditActions.View && e.EntityType == nameof(PatientDocument) && e.PatientId == patientId)));
    }

    [Fact]
    public async Task A_letter_that_is_not_a_PDF_or_image_is_refused_and_the_clearance_is_not_recorded_either()
    {
        using var host = new ClinicTestHost();
        var patientId = await host.CreatePatientAsync();
        var screening = await host.ScreenNeedingClearanceAsync(patientId);
        var command = Commands.Clearance(screening.Id);
        command.Letter = "MZ this is a program"u8.ToArray();

        var result = await host.RecordClearanceAsync(command);

        Assert.Equal(("Letter", "Attach a PDF, JPEG or PNG file."), (result.Errors.Single().Field, result.Errors.Single().Message));
        Assert.Equal(0, await host.QueryAsync(db => db.DoctorClearances.CountAsync()));
        Assert.Equal(0, await host.QueryAsync(db => db.PatientDocuments.CountAsync()));
    }

    [Fact]
    public async Task An_outside_report_photographed_on_a_phone_is_attached_as_a_JPEG()
    {
        using var host = new ClinicTestHost();
        var patientId = await host.CreatePatientAsync();

        var result = await host.RunAsync<DocumentService, ServiceResult<int>>(s => s.AttachAsync(new AttachDocumentCommand
        {
            PatientId = patientId,
            Kind = DocumentKind.OutsideReport,
            Title = "Dermatology report",
            FileName = "IMG_2041.HEIC.png",
            Content = ImageFixtures.WithExif(ImageFixtures.Jpeg(1200, 900), orientation: 1),
        }));

        Assert.True(result.Succeeded);
        var document = await host.QueryAsync(db => db.PatientDocuments.SingleAsync());
        Assert.Equal(("image/jpeg", "IMG_2041.HEIC.jpg"), (document.ContentType, document.FileName));
    }

    [Fact]
    public async Task A_document_without_kind_title_or_file_is_refused_field_by_field()
    {
        using var host = new ClinicTestHost();
        var patientId = await host.CreatePatientAsync();

        var result = await host.RunAsync<DocumentService, ServiceResult<int>>(s => s.AttachAsync(new AttachDocumentCommand { PatientId = patientId }));

        Assert.Equal(["Content", "Kind", "Title"], result.Errors.Select(e => e.Field).Order());
    }
}
