using MicroNeedling.Clinic.Patients;
using MicroNeedling.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroNeedling.Web.Pages.Patients;

public sealed class EditModel(PatientService patients, PatientAccess access) : PageModel, IShowsPatientRecord
{
    public ViewedRecord? ViewedRecord => new("Patient", Id, Id);

    [BindProperty(SupportsGet = true)]
    public int Id { get; set; }

    [BindProperty]
    public SavePatientCommand Input { get; set; } = new();

    public IReadOnlyList<PatientListItem> PossibleDuplicates { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        // The form holds clinical fields (skin type, concerns, notes), so a restricted record's edit page is 404 for other clinicians.
        var patient = await access.MayOpenAsync(Id, ct) ? await patients.FindAsync(Id, ct) : null;
        if (patient is null)
        {
            return NotFound();
        }

        Input = SavePatientCommand.From(patient);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.ForgetUnreadableCheckboxValues(nameof(SavePatientCommand.AppointmentEmails));
        ModelState.ForgetUnreadableCheckboxValues(nameof(SavePatientCommand.RecallEmails));
        if (!await access.MayOpenAsync(Id, ct))
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
