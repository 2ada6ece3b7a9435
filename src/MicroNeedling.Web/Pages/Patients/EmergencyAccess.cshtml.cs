using MicroNeedling.Clinic.Patients;
using MicroNeedling.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroNeedling.Web.Pages.Patients;

/// <summary>Break-glass: a clinician opens a record restricted to another clinician, giving a reason an admin reviews.</summary>
[Authorize(Policy = Policies.Clinical)]
public sealed class EmergencyAccessModel(PatientService patients, PatientAccess access, ClinicDisplay display) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int Id { get; set; }

    [BindProperty]
    public GrantEmergencyAccessCommand Input { get; set; } = new();

    public string PatientName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var patient = await patients.FindAsync(Id, ct);
        if (patient is null)
        {
            return NotFound();
        }

        // Nothing to break open: the record is open, or already open to this clinician.
        if (await access.CanSeeClinicalRecordAsync(Id, ct))
        {
            return RedirectToPage("Details", new { id = Id });
        }

        PatientName = patient.FullName;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var patient = await patients.FindAsync(Id, ct);
        if (patient is null)
        {
            return NotFound();
        }

        PatientName = patient.FullName;
        if (!ModelState.IsValid)
        {
            return Page();
        }

        Input.PatientId = Id;
        var result = await access.GrantEmergencyAccessAsync(Input, ct);
        if (!result.Succeeded)
        {
            ModelState.AddServiceErrors(result, nameof(Input));
            return Page();
        }

        TempData["Flash"] = $"Emergency access granted until {await display.LocalAsync(result.Value!.ExpiresAtUtc, "HH:mm")}. An admin will review the reason you gave.";
        return RedirectToPage("Details", new { id = Id });
    }
}
