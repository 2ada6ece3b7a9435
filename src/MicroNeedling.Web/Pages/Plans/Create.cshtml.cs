using MicroNeedling.Clinic.Patients;
using MicroNeedling.Clinic.Plans;
using MicroNeedling.Clinic.Screening;
using MicroNeedling.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroNeedling.Web.Pages.Plans;

public sealed class CreateModel(PatientService patients, ScreeningService screenings, PlanService plans, PatientAccess access) : PageModel, IShowsPatientRecord
{
    public ViewedRecord? ViewedRecord => new("Patient", Input.PatientId, Input.PatientId);

    [BindProperty]
    public CreatePlanCommand Input { get; set; } = new();

    public string PatientName { get; private set; } = "";

    public ScreeningStatus Status { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(int patientId, CancellationToken ct)
    {
        if (!await access.MayOpenAsync(patientId, ct))
        {
            return NotFound();
        }

        Input = await plans.DraftAsync(patientId, ct);
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

        // The service checks the screening again: the page's banner is a courtesy, the service is the rule.
        var result = await plans.CreateAsync(Input, ct);
        if (!result.Succeeded)
        {
            ModelState.AddServiceErrors(result, nameof(Input));
            return Page();
        }

        TempData["Flash"] = $"A course of {result.Value!.SittingCount} sittings is planned.";
        return RedirectToPage("Details", new { id = result.Value.Id });
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var patient = await access.MayOpenAsync(Input.PatientId, ct) ? await patients.FindAsync(Input.PatientId, ct) : null;
        if (patient is null)
        {
            return false;
        }

        PatientName = patient.FullName;
        Status = await screenings.CurrentStatusAsync(patient.Id, ct);
        return true;
    }
}
