using MicroNeedling.Clinic.Documents;
using MicroNeedling.Clinic.Patients;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Net.Http.Headers;

namespace MicroNeedling.Web.Pages.Documents;

/// <summary>
/// The only way to a document's bytes: clinicians who may see the clinical record, never cached, every read audited.
/// A PDF is sent as a download, never rendered inside the app's origin: its content is not checked beyond its type.
/// </summary>
public sealed class FileModel(DocumentService documents, PatientAccess access) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int Id { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var file = await access.MayOpenDocumentAsync(Id, ct) ? await documents.ReadAsync(Id, ct) : null;
        if (file is null)
        {
            return NotFound();
        }

        Response.Headers.CacheControl = "no-store";
        var pdf = file.ContentType == "application/pdf";
        var disposition = new ContentDispositionHeaderValue(pdf ? "attachment" : "inline");
        disposition.SetHttpFileName(file.FileName);
        Response.Headers.ContentDisposition = disposition.ToString();
        return File(file.Content, file.ContentType);
    }
}
