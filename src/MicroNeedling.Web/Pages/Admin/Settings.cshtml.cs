using MicroNeedling.Clinic.Settings;
using MicroNeedling.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroNeedling.Web.Pages.Admin;

public sealed class SettingsModel(ClinicSettingsService settings) : PageModel
{
    [BindProperty]
    public UpdateSettingsCommand Input { get; set; } = new();

    public async Task OnGetAsync(CancellationToken ct) => Input = UpdateSettingsCommand.From(await settings.GetAsync(ct));

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await settings.UpdateAsync(Input, ct);
        if (!result.Succeeded)
        {
            ModelState.AddServiceErrors(result, nameof(Input));
            return Page();
        }

        TempData["Flash"] = "The settings are saved.";
        return RedirectToPage();
    }
}
