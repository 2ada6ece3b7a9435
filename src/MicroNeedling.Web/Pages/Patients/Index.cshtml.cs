using MicroNeedling.Clinic.Patients;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroNeedling.Web.Pages.Patients;

public sealed class IndexModel(PatientService patients) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? Dob { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")]
    public int PageNumber { get; set; } = 1;

    public PatientPage Results { get; private set; } = new([], 1, PatientService.PageSize, 0);

    public async Task OnGetAsync(CancellationToken ct)
    {
        // A garbled date in the URL is ignored rather than failing the search.
        Results = await patients.SearchAsync(Q, ModelState.IsValid ? Dob : null, PageNumber, ct);
    }

    public string PageLink(int page) =>
        Url.Page("/Patients/Index", new { q = Q, dob = Dob?.ToString("yyyy-MM-dd"), page })!;
}
