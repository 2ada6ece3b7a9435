using MicroNeedling.Clinic.Patients;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroNeedling.Web.Pages.Patients;

public sealed class IndexModel(PatientService patients, PatientAccess access) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? Dob { get; set; }

    // Not "page": Razor Pages reserves that route value for the page's own path.
    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public PatientPage Results { get; private set; } = new([], 1, PatientService.PageSize, 0);

    /// <summary>The patients on this page whose record is restricted to one clinician.</summary>
    public IReadOnlySet<int> Restricted { get; private set; } = new HashSet<int>();

    public async Task OnGetAsync(CancellationToken ct)
    {
        // A garbled date or page number in the URL is ignored rather than failing the search.
        var dobIsValid = ModelState.GetFieldValidationState(nameof(Dob)) != Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid;
        Results = await patients.SearchAsync(Q, dobIsValid ? Dob : null, PageNumber, ct);
        Restricted = await access.RestrictedAmongAsync(Results.Items.Select(p => p.Id).ToList(), ct);
    }

    public string PageLink(int page) =>
        Url.Page("/Patients/Index", new { q = Q, dob = Dob?.ToString("yyyy-MM-dd"), p = page })!;
}
