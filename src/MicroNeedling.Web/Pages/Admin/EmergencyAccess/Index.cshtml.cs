using MicroNeedling.Clinic.Patients;
using MicroNeedling.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroNeedling.Web.Pages.Admin.EmergencyAccess;

/// <summary>Every break-glass use, unreviewed first, for an admin to check the reason and mark it reviewed.</summary>
public sealed class IndexModel(PatientAccess access) : PageModel
{
    [BindProperty]
    public ReviewEmergencyAccessCommand Input { get; set; } = new();

    public IReadOnlyList<EmergencyAccessReviewItem> Grants { get; private set; } = [];

    /// <summary>The row whose review was refused, so its note and message show again there.</summary>
    public int? FailedGrantId { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Grants = await access.ForReviewAsync(ct);

    public async Task<IActionResult> OnPostReviewAsync(CancellationToken ct)
    {
        var result = await access.ReviewAsync(Input, ct);
        if (!result.Succeeded)
        {
            ModelState.AddServiceErrors(result, nameof(Input));
            FailedGrantId = Input.GrantId;
            Grants = await access.ForReviewAsync(ct);

            // The note's message shows in the grant's row; a grant with no row to review (unknown, or reviewed meanwhile)
            // has none, so the refusal needs a message at the top.
            if (!Grants.Any(g => g.Id == Input.GrantId && g.ReviewedAtUtc is null)
                && !(ModelState.TryGetValue("", out var summary) && summary.Errors.Count > 0))
            {
                ModelState.AddModelError("", "That emergency access does not exist or has been reviewed already.");
            }

            return Page();
        }

        TempData["Flash"] = "Marked reviewed.";
        return RedirectToPage();
    }
}
