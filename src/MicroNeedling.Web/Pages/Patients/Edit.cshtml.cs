using MicroNeedling.Clinic.Patients;
using MicroNeedling.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroNeedling.Web.Pages.Patients;

public sealed class EditModel(PatientService patients) : PageModel, IShowsPatientRecord
{
    public ViewedRecord? ViewedRecord => new("Patient", Id, Id);

    [BindProperty(SupportsGet = true)]
    public int Id { get; set; }

    [BindProperty]
    public SavePatientCommand Input { get; set; } = new();

    public IReadOnlyList<PatientListItem> PossibleDuplicates { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var patient = await patients.FindAsync(Id, ct);
        if (patient is null)
        {
            return NotFound();
        }

        Input = SavePatientCommand.From(patient);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await patients.FindAsync(Id, ct) is null)
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await patients.UpdateAsync(Id, Input, ct);
        if (!result.Succeeded)
        {
            ModelState.AddServiceErrors(result, nameof(Input));
            return Page();
        }

        if (result.Value!.NeedsDuplicateConfirmation)
        {
            PossibleDuplicates = result.Value.PossibleDuplicates;
            return Page();
        }

        TempData["Flash"] = "The changes are saved.";
        return RedirectToPage("Details", new { id = Id });
    }
}
