using MicroNeedling.Clinic.Staff;
using MicroNeedling.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroNeedling.Web.Pages.Admin.Staff;

public sealed class CreateModel(StaffService staff) : PageModel
{
    [BindProperty]
    public CreateStaffCommand Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var result = await staff.CreateAsync(Input, ct);
        if (!result.Succeeded)
        {
            ModelState.AddServiceErrors(result, nameof(Input));
            Input.Password = "";
            return Page();
        }

        TempData["Flash"] = $"The account for {Input.DisplayName.Trim()} is created.";
        return RedirectToPage("Index");
    }
}
