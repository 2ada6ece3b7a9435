using MicroNeedling.Clinic.Consent;
using MicroNeedling.Clinic.Patients;
using MicroNeedling.Clinic.Plans;
using MicroNeedling.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroNeedling.Web.Pages.Consent;

/// <summary>The clinician presents the consent on the clinic's tablet; the patient reads, chooses, signs; the clinician countersigns.</summary>
public sealed class SignModel(ConsentService consents, PatientAccess access) : PageModel, IShowsPatientRecord
{
    public ViewedRecord? ViewedRecord => Presentation is null ? null : new("CoursePlan", PlanId, Presentation.PatientId);

    [BindProperty(SupportsGet = true)]
    public int PlanId { get; set; }

    [BindProperty]
    public SignConsentCommand Input { get; set; } = new();

    public ConsentPresentation? Presentation { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        Input.TemplateId = Presentation!.Template.Id;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        // A tampered checkbox ("undefined") is a binding error: shown next to the box, and the form is not signed.
        ModelState.ForgetUnreadableCheckboxValues(nameof(Input.ReadAndDisclosed));
        ModelState.ForgetUnreadableCheckboxValues(nameof(Input.PhotosForClinicalRecord));
        ModelState.ForgetUnreadableCheckboxValues(nameof(Input.PhotosForTeachingOrMarketing));
        if (!ModelState.IsValid)
        {
            return Page();
        }

        Input.PlanId = PlanId;
        var result = await consents.SignAsync(Input, ct);
        if (!result.Succeeded)
        {
            ModelState.AddServiceErrors(result, nameof(Input));
            if (Input.TemplateId != Presentation!.Template.Id)
            {
                // A new version was published meanwhile: the form now shows it, and the patient signs that one, afresh.
                Input.TemplateId = Presentation.Template.Id;
                Input.PatientSignature = "";
                Input.ClinicianSignature = "";
                ModelState.Remove($"{nameof(Input)}.{nameof(Input.TemplateId)}");
                ModelState.Remove($"{nameof(Input)}.{nameof(Input.PatientSignature)}");
                ModelState.Remove($"{nameof(Input)}.{nameof(Input.ClinicianSignature)}");
                ModelState.AddModelError("", "A new version of the consent was published while this form was open. Read the new version with the patient and sign it; nothing was saved.");
            }

            return Page();
        }

        TempData["Flash"] = "The consent is signed and countersigned.";
        return RedirectToPage("Details", new { id = result.Value });
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        Presentation = await access.MayOpenPlanAsync(PlanId, ct) ? await consents.PresentAsync(PlanId, ct) : null;
        return Presentation is not null;
    }

    public bool CanSign => Presentation is { CourseStatus: PlanStatus.Active, Current.AllowsTreatment: false };
}
