using MicroNeedling.Clinic.Patients;
using MicroNeedling.Clinic.Screening;
using MicroNeedling.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroNeedling.Web.Pages.Screening;

public sealed class CreateModel(PatientService patients, ScreeningService screenings, PatientAccess access) : PageModel, IShowsPatientRecord
{
    public ViewedRecord? ViewedRecord => new("Patient", Input.PatientId, Input.PatientId);

    [BindProperty]
    public RecordScreeningCommand Input { get; set; } = new();

    public string PatientName { get; private set; } = "";

    /// <summary>A recent "not suitable" finding these answers may clear: its answers are shown, and clearing it needs a note.</summary>
    public Clinic.Screening.Screening? Reversing { get; private set; }

    public async Task<IActionResult> OnGetAsync(int patientId, CancellationToken ct)
    {
        Input.PatientId = patientId;
        return await LoadPatientAsync(ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadPatientAsync(ct))
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await screenings.RecordAsync(Input, ct);
        if (!result.Succeeded)
        {
            ModelState.AddServiceErrors(result, nameof(Input));
            return Page();
        }

        return RedirectToPage("Details", new { id = result.Value!.Id });
    }

    private async Task<bool> LoadPatientAsync(CancellationToken ct)
    {
        if (!await access.MayOpenAsync(Input.PatientId, ct))
        {
            return false;
        }

        var patient = await patients.FindAsync(Input.PatientId, ct);
        PatientName = patient?.FullName ?? "";
        Reversing = patient is null ? null : await screenings.HardStopToReverseAsync(patient.Id, ct);
        return patient is not null;
    }
}
