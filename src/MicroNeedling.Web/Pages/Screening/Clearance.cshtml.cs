using MicroNeedling.Clinic.Patients;
using MicroNeedling.Clinic.Screening;
using MicroNeedling.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroNeedling.Web.Pages.Screening;

[RequestSizeLimit(UploadedFile.RequestLimit)]
[RequestFormLimits(MultipartBodyLengthLimit = UploadedFile.RequestLimit)]
public sealed class ClearanceModel(ScreeningService screenings, ClearanceService clearances, PatientAccess access) : PageModel, IShowsPatientRecord
{
    public ViewedRecord? ViewedRecord => new("Screening", Id);

    [BindProperty(SupportsGet = true)]
    public int Id { get; set; }

    [BindProperty]
    public RecordClearanceCommand Input { get; set; } = new();

    /// <summary>The doctor's letter, optional.</summary>
    [BindProperty]
    public IFormFile? Letter { get; set; }

    public string PatientName { get; private set; } = "";

    public IReadOnlyList<string> Reasons { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) =>
        await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        Input.ScreeningId = Id;
        Input.Letter = await UploadedFile.ReadAsync(Letter, ct);
        Input.LetterFileName = Letter?.FileName;
        var result = await clearances.RecordClearanceAsync(Input, ct);
        if (!result.Succeeded)
        {
            ModelState.AddServiceErrors(result, nameof(Input));
            ModelState.MoveErrors($"{nameof(Input)}.{nameof(Input.Letter)}", nameof(Letter));
            return Page();
        }

        TempData["Flash"] = "The clearance is recorded.";
        return RedirectToPage("Details", new { id = Id });
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var screening = await access.MayOpenScreeningAsync(Id, ct) ? await screenings.FindAsync(Id, ct) : null;
        PatientName = screening?.Patient?.FullName ?? "";
        Reasons = screening?.ReasonList ?? [];
        return screening is not null;
    }
}
