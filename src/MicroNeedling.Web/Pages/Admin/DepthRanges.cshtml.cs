using MicroNeedling.Clinic.Sittings;
using MicroNeedling.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroNeedling.Web.Pages.Admin;

/// <summary>The clinic's safe needle-depth range for each area. A chart outside it needs the clinician's reason.</summary>
public sealed class DepthRangesModel(DepthRangeService ranges) : PageModel
{
    [BindProperty]
    public SaveDepthRangesCommand Input { get; set; } = new();

    public async Task OnGetAsync(CancellationToken ct) => Input = await ranges.GetAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await ranges.SaveAsync(Input, ct);
        if (!result.Succeeded)
        {
            ModelState.AddServiceErrors(result, nameof(Input));
            return Page();
        }

        TempData["Flash"] = "The needle depth ranges are saved.";
        return RedirectToPage();
    }
}
