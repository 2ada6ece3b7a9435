using MicroNeedling.Clinic.Staff;
using MicroNeedling.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroNeedling.Web.Pages.Admin.Staff;

public sealed class IndexModel(StaffService staff, UserManager<StaffUser> users) : PageModel
{
    public IReadOnlyList<StaffListItem> Staff { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Staff = await staff.ListAsync(ct);

    public Task<IActionResult> OnPostDisableAsync(string userId, CancellationToken ct) =>
        ChangeAsync(() => staff.DisableAsync(userId, users.GetUserId(User)!), "The account is disabled.", ct);

    public Task<IActionResult> OnPostEnableAsync(string userId, CancellationToken ct) =>
        ChangeAsync(() => staff.EnableAsync(userId, users.GetUserId(User)!), "The account is enabled.", ct);

    private async Task<IActionResult> ChangeAsync(Func<Task<Clinic.Common.ServiceResult>> change, string done, CancellationToken ct)
    {
        var result = await change();
        if (!result.Succeeded)
        {
            ModelState.AddServiceErrors(result, "");
            Staff = await staff.ListAsync(ct);
            return Page();
        }

        TempData["Flash"] = done;
        return RedirectToPage();
    }
}
