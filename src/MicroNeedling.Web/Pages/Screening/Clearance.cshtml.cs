using MicroNeedling.Clinic.Patients;
using MicroNeedling.Clinic.Screening;
using MicroNeedling.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroNeedling.Web.Pages.Screening;

public sealed class ClearanceModel(ScreeningService screenings, PatientAccess access) : PageModel, IShowsPatientRecord
{
    public ViewedRecord? ViewedRecord => new("Screening", Id);

    [BindProperty(SupportsGet = true)]
    public int Id { get; set; }

    [BindProperty]
    public RecordClearanceCommand Input { get; set; } = new();

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
        var result = await screenings.RecordClearanceAsync(Input, ct);
        if (!result.Succeeded)
        {
            ModelState.AddServiceErrors(result, nameof(Input));
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
