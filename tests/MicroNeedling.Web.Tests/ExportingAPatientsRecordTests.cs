using System.Net;
using System.Text.Json;
using MicroNeedling.Clinic.Audit;
using MicroNeedling.Clinic.Data;
using MicroNeedling.Clinic.Staff;
using MicroNeedling.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MicroNeedling.Web.Tests;

/// <summary>
/// A patient's access request over HTTP: the printable record and the FHIR download, for admins and the treating clinician
/// only, each audited. The Bundle's FHIR validity is proven in the Clinic tests (ExportingAPatientsRecordTests there).
/// </summary>
[Collection(SharedApp.Name)]
public sealed class ExportingAPatientsRecordTests(ClinicAppFactory app)
{
    /// <summary>Signs in as the clinician of the record's bookings: a treating clinician.</summary>
    private async Task<HttpClient> LoginAsTreatingClinicianAsync(PatientWithClinicalRecord record)
    {
        var email = await app.GetAsync(sp => sp.GetRequiredService<ClinicDbContext>().Users
            .Where(u => u.Id == record.ClinicianId).Select(u => u.Email!).SingleAsync());
        var client = app.CreateBrowserlessClient();
        await app.SignInAsync(client, email);
        return client;
    }

    private Task<List<AuditEntry>> ExportEntriesAsync(int patientId) => app.GetAsync(sp => sp.GetRequiredService<ClinicDbContext>().AuditEntries
        .AsNoTracking().Where(e => e.Action == AuditActions.Export && e.PatientId == patientId).OrderBy(e => e.Id).ToListAsync());

    [Fact]
    public async Task An_admin_downloads_the_FHIR_bundle_as_an_uncached_attachment_and_the_download_is_audited()
    {
        var record = await PatientWithClinicalRecord.CreateAsync(app);
        var admin = await app.LoginAsAsync(Roles.Admin);

        var response = await admin.GetAsync($"/Patients/Export/{record.PatientId}?handler=Fhir");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/fhir+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal($"patient-{record.PatientId}-record.json", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString());
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Bundle", json.RootElement.GetProperty("resourceType").GetString());
        Assert.Equal("collection", json.RootElement.GetProperty("type").GetString());
        var types = json.RootElement.GetProperty("entry").EnumerateArray().Select(e => e.GetProperty("resource").GetProperty("resourceType").GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?> { "Patient", "QuestionnaireResponse", "CarePlan", "Appointment", "Procedure", "Consent" }, types);
        var entry = Assert.Single(await ExportEntriesAsync(record.PatientId));
        Assert.Equal(("admin@tests.clinic", "Patient", $"{record.PatientId}", "Fhir"), (entry.UserName, entry.EntityType, entry.EntityId, entry.ChangedFields));
    }

    [Fact]
    public async Task The_treating_clinician_gets_the_printable_record_with_the_screenings_and_courses_and_the_FHIR_download()
    {
        var record = await PatientWithClinicalRecord.CreateAsync(app);
        var clinician = await LoginAsTreatingClinicianAsync(record);

        var page = await clinician.GetAsync($"/Patients/Export/{record.PatientId}");
        var fhir = await clinician.GetAsync($"/Patients/Export/{record.PatientId}?handler=Fhir");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.OK, fhir.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.ReadDocumentAsync();
        var screenings = html.QuerySelector("[data-testid=screenings]")!.TextContent;
        Assert.Contains($"Screening note {record.Marker}", screenings);
        Assert.Contains($"Clearance note {record.Marker}", screenings);
        Assert.Equal(2, html.QuerySelectorAll("[data-testid=screenings] h3").Length);
        var courses = html.QuerySelector("[data-testid=courses]")!.TextContent;
        Assert.Contains($"Cancelled because of a new pregnancy {record.Marker}", courses);
        Assert.Equal(3, html.QuerySelectorAll("[data-testid=courses] h3").Length);
        Assert.Contains($"Serum {record.Marker}", html.QuerySelector("[data-testid=sittings]")!.TextContent);
        Assert.Contains($"Weeping blister on the left cheek {record.Marker}", html.QuerySelector("[data-testid=side-effects]")!.TextContent);
        Assert.NotNull(html.QuerySelector("button[data-print]"));
        Assert.Equal($"/Patients/Export/{record.PatientId}?handler=Fhir", html.QuerySelector("[data-testid=fhir-download]")!.GetAttribute("href"));
        Assert.Equal(["Print", "Fhir"], (await ExportEntriesAsync(record.PatientId)).Select(e => e.ChangedFields));
    }

    [Fact]
    public async Task Front_desk_is_forbidden_and_a_clinician_who_does_not_treat_the_patient_finds_nothing_and_nothing_is_audited()
    {
        var record = await PatientWithClinicalRecord.CreateAsync(app);
        var frontDesk = await app.LoginAsAsync(Roles.FrontDesk);
        var otherClinician = await app.LoginAsAsync(Roles.Clinician);

        foreach (var url in new[] { $"/Patients/Export/{record.PatientId}", $"/Patients/Export/{record.PatientId}?handler=Fhir" })
        {
            Assert.Equal((url, HttpStatusCode.Forbidden), (url, (await frontDesk.GetAsync(url)).StatusCode));
            Assert.Equal((url, HttpStatusCode.NotFound), (url, (await otherClinician.GetAsync(url)).StatusCode));
        }

        Assert.Empty(await ExportEntriesAsync(record.PatientId));
    }

    [Fact]
    public async Task The_export_link_is_on_the_patient_page_for_the_treating_clinician_only_and_on_the_audit_page_for_admins()
    {
        var record = await PatientWithClinicalRecord.CreateAsync(app);
        var treating = await LoginAsTreatingClinicianAsync(record);
        var other = await app.LoginAsAsync(Roles.Clinician);
        var frontDesk = await app.LoginAsAsync(Roles.FrontDesk);
        var admin = await app.LoginAsAsync(Roles.Admin);
        var details = $"/Patients/Details/{record.PatientId}";
        var link = $"/Patients/Export/{record.PatientId}";

        Assert.Equal(link, (await treating.GetDocumentAsync(details)).QuerySelector("[data-testid=export-record]")?.GetAttribute("href"));
        Assert.Null((await other.GetDocumentAsync(details)).QuerySelector("[data-testid=export-record]"));
        Assert.Null((await frontDesk.GetDocumentAsync(details)).QuerySelector("[data-testid=export-record]"));
        Assert.Equal(link, (await admin.GetDocumentAsync($"/Admin/Audit?patientId={record.PatientId}")).QuerySelector("[data-testid=export-record]")?.GetAttribute("href"));
    }
}
