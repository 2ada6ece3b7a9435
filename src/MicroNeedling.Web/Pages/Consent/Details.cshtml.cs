using MicroNeedling.Clinic.Consent;
using MicroNeedling.Clinic.Patients;
using MicroNeedling.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroNeedling.Web.Pages.Consent;

/// <summary>A signed consent, as signed; printable for the patient's copy.</summary>
public sealed class DetailsModel(ConsentService consents, PatientAccess access) : PageModel, IShowsPatientRecord
{
    public ViewedRecord? ViewedRecord => Consent is null ? null : new("PatientConsent", Id, Consent.Record.PatientId);

    [BindProperty(SupportsGet = true)]
    public int Id { get; set; }

    public SignedConsent? Consent { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Consent = await access.MayOpenConsentAsync(Id, ct) ? await consents.GetAsync(Id, ct) : null;
        return Consent is null ? NotFound() : Page();
    }

    public static string PngDataUrl(byte[] png) => "data:image/png;base64," + Convert.ToBase64String(png);
}
