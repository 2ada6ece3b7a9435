using MicroNeedling.Clinic.Audit;
using MicroNeedling.Clinic.Common;
using MicroNeedling.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroNeedling.Web.Pages.Admin.Audit;

/// <summary>The audit trail for admins: entries newest first, filtered by user, patient and clinic-local dates, and the chain check.</summary>
public sealed class IndexModel(AuditService audit, ClinicDisplay display) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? UserName { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? PatientId { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    // Not "page": Razor Pages reserves that route value for the page's own path.
    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    /// <summary>Null when the filters need correcting first.</summary>
    public AuditPage? Results { get; private set; }

    public ChainVerification? Verification { get; private set; }

    private ClinicTime? clinicTime;

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task<IActionResult> OnPostVerifyAsync(CancellationToken ct)
    {
        Verification = await audit.VerifyChainAsync(ct);
        await LoadAsync(ct);
        return Page();
    }

    public string Local(DateTime utc) => clinicTime!.ToLocal(utc).ToString("d MMM yyyy HH:mm:ss");

    public string PageLink(int page) => Url.Page("/Admin/Audit/Index", new
    {
        userName = UserName,
        patientId = PatientId,
        from = From?.ToString("yyyy-MM-dd"),
        to = To?.ToString("yyyy-MM-dd"),
        p = page,
    })!;

    public string PatientLink(int patientId) => Url.Page("/Admin/Audit/Index", new { patientId })!;

    private async Task LoadAsync(CancellationToken ct)
    {
        clinicTime = ClinicTime.For((await display.SettingsAsync()).TimeZoneId);
        if (PatientId is <= 0)
        {
            ModelState.AddModelError(nameof(PatientId), "Enter a patient number, 1 or more.");
        }

        if (From is { } from && To is { } to && to < from)
        {
            ModelState.AddModelError(nameof(To), "The end date must be on or after the start date.");
        }

        // A filter that did not parse (a malformed date or number in the URL) has its message next to its field;
        // the list waits until the filters make sense rather than silently ignoring one.
        if (new[] { nameof(UserName), nameof(PatientId), nameof(From), nameof(To) }.Any(f => ModelState.GetFieldValidationState(f) == ModelValidationState.Invalid))
        {
            return;
        }

        Results = await audit.SearchAsync(new AuditFilter(UserName, PatientId, From, To), PageNumber, ct);
    }
}
