using MicroNeedling.Clinic.Patients;
using MicroNeedling.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroNeedling.Web.Pages.Patients;

public sealed class CreateModel(PatientService patients) : PageModel
{
    [BindProperty]
    public SavePatientCommand Input { get; set; } = new();

    public IReadOnlyList<PatientListItem> PossibleDuplicates { get; private set; } = [];

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.ForgetUnreadableCheckboxValues(nameof(SavePatientCommand.AppointmentEmails));
        ModelState.ForgetUnreadableCheckboxValues(nameof(SavePatientCommand.RecallEmails));
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await patients.CreateAsync(Input, ct);
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

        TempData["Flash"] = $"{Input.FirstName.Trim()} {Input.LastName.Trim()} is registered.";
        return RedirectToPage("Details", new { id = result.Value.PatientId });
    }
}
