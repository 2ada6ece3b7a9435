using System.Text;
using MicroNeedling.Clinic.Export;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroNeedling.Web.Pages.Patients;

/// <summary>
/// A patient's whole record for their access request: a page that prints (or saves as PDF from the browser's print dialog)
/// and, with <c>?handler=Fhir</c>, the same record as a FHIR R4 Bundle download. Admins and the treating clinician only
/// (the service decides; anyone else gets 404, as for a record that does not exist); every export is audited by the service.
/// </summary>
public sealed class ExportModel(PatientRecordExport export) : PageModel
{
    public PatientRecord Record { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var record = await export.PrintAsync(id, ct);
        if (record is null)
        {
            return NotFound();
        }

        Record = record;
        Response.Headers.CacheControl = "no-store";
        return Page();
    }

    public async Task<IActionResult> OnGetFhirAsync(int id, CancellationToken ct)
    {
        var file = await export.FhirAsync(id, ct);
        if (file is null)
        {
            return NotFound();
        }

        Response.Headers.CacheControl = "no-store";
        return File(Encoding.UTF8.GetBytes(file.Json), FhirRecordFile.ContentType, file.FileName);
    }

    /// <summary>A UTC instant as the clinic's local time, for the page.</summary>
    public string Local(DateTime utc, string format = "d MMM yyyy HH:mm") =>
        Record.ClinicTime.ToLocal(utc).ToString(format, System.Globalization.CultureInfo.InvariantCulture);
}
