using MicroNeedling.Clinic.Consent;
using MicroNeedling.Clinic.Patients;
using MicroNeedling.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroNeedling.Web.Pages.Consent;

public sealed class WithdrawModel(ConsentService consents, PatientAccess access) : PageModel, IShowsPatientRecord
{
    public ViewedRecord? ViewedRecord => Consent is null ? null : new("PatientConsent", Id, Consent.Record.PatientId);

    [BindProperty(SupportsGet = true)]
    public int Id { get; set; }

    [BindProperty]
    public WithdrawConsentCommand Input { get; set; } = new();

    public SignedConsent? Consent { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        Input.ConsentId = Id;
        var result = await consents.WithdrawAsync(Input, ct);
        if (!result.Succeeded)
        {
            ModelState.AddServiceErrors(result, nameof(Input));
            return Page();
        }

        TempData["Flash"] = "The withdrawal of consent is recorded, and the course's booked sittings are cancelled.";
        return RedirectToPage("Details", new { id = Id });
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        Consent = await access.MayOpenConsentAsync(Id, ct) ? await consents.GetAsync(Id, ct) : null;
        return Consent is not null;
    }
}
