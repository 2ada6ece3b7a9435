using MicroNeedling.Clinic.Consent;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroNeedling.Web.Pages.Admin.Consent;

public sealed class IndexModel(ConsentTemplateService templates) : PageModel
{
    public IReadOnlyList<ConsentTemplate> Versions { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Versions = await templates.ListAsync(ct);

    /// <summary>Starts a new version from the published one (or opens the draft already started).</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var draft = await templates.StartDraftAsync(ct);
        return RedirectToPage("Edit", new { id = draft.Id });
    }
}
