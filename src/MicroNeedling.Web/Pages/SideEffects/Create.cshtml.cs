using MicroNeedling.Clinic.Patients;
using MicroNeedling.Clinic.Sittings;
using MicroNeedling.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroNeedling.Web.Pages.SideEffects;

/// <summary>Any member of staff who takes the patient's call may record a side effect.</summary>
public sealed class CreateModel(PatientService patients, SideEffectService sideEffects, PatientAccess access) : PageModel, IShowsPatientRecord
{
    public ViewedRecord? ViewedRecord => new("Patient", Input.PatientId, Input.PatientId);

    [BindProperty]
    public RecordSideEffectCommand Input { get; set; } = new();

    public string PatientName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(int patientId, CancellationToken ct)
    {
        Input.PatientId = patientId;
        return await LoadAsync(ct) ? Page() : NotFound();
    }

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

        var result = await sideEffects.RecordAsync(Input, ct);
        if (!result.Succeeded)
        {
            ModelState.AddServiceErrors(result, nameof(Input));
            return Page();
        }

        TempData["Flash"] = HoldRules.Holds(result.Value!)
            ? "Recorded. The course is on hold until a clinician reviews it. Ask the patient to see a clinician at once."
            : "The side effect is recorded.";
        return RedirectToPage("/Patients/Details", new { id = Input.PatientId });
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var patient = await access.MayOpenAsync(Input.PatientId, ct) ? await patients.FindAsync(Input.PatientId, ct) : null;
        PatientName = patient?.FullName ?? "";
        return patient is not null;
    }
}
