using MicroNeedling.Clinic.Documents;
using MicroNeedling.Clinic.Patients;
using MicroNeedling.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroNeedling.Web.Pages.Documents;

/// <summary>A patient's attached documents, and the form to attach one.</summary>
[RequestSizeLimit(UploadedFile.RequestLimit)]
[RequestFormLimits(MultipartBodyLengthLimit = UploadedFile.RequestLimit)]
public sealed class PatientModel(PatientService patients, DocumentService documents, PatientAccess access) : PageModel, IShowsPatientRecord
{
    public ViewedRecord? ViewedRecord => PatientName is null ? null : new("Patient", PatientId, PatientId);

    [BindProperty(SupportsGet = true)]
    public int PatientId { get; set; }

    [BindProperty]
    public AttachDocumentCommand Input { get; set; } = new();

    [BindProperty]
    public IFormFile? Attachment { get; set; }

    public string? PatientName { get; private set; }

    public IReadOnlyList<DocumentItem> Documents { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        Input.PatientId = PatientId;
        Input.FileName = Attachment?.FileName;
        Input.Content = await UploadedFile.ReadAsync(Attachment, ct);
        var result = await documents.AttachAsync(Input, ct);
        if (!result.Succeeded)
        {
            ModelState.AddServiceErrors(result, nameof(Input));
            ModelState.MoveErrors($"{nameof(Input)}.{nameof(Input.Content)}", nameof(Attachment));
            return Page();
        }

        TempData["Flash"] = "The document is attached.";
        return RedirectToPage("Patient", new { patientId = PatientId });
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (!await access.CanSeeClinicalRecordAsync(PatientId, ct))
        {
            return false;
        }

        PatientName = (await patients.FindAsync(PatientId, ct))?.FullName;
        Documents = await documents.ForPatientAsync(PatientId, ct);
        return PatientName is not null;
    }
}
