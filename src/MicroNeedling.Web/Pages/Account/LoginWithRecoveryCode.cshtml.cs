using MicroNeedling.Clinic.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroNeedling.Web.Pages.Account;

/// <summary>The second step of signing in with one of the ten recovery codes instead of the app; each code works once.</summary>
public sealed class LoginWithRecoveryCodeModel(SignInManager<StaffUser> signIn) : PageModel
{
    [BindProperty]
    public CodeInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("/Account/Login") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null)
        {
            return RedirectToPage("/Account/Login", new { ReturnUrl });
        }

        var code = (Input.Code ?? "").Replace(" ", "", StringComparison.Ordinal).Trim();
        if (code.Length == 0)
        {
            ModelState.AddModelError("Input.Code", "Enter one of your recovery codes.");
            return Page();
        }

        var result = await signIn.TwoFactorRecoveryCodeSignInAsync(code);
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }

        ModelState.AddModelError("Input.Code", result.IsLockedOut
            ? LoginModel.LockedOutMessage
            : "That recovery code is not right, or it has been used already.");
        Input.Code = "";
        return Page();
    }

    public sealed class CodeInput
    {
        public string? Code { get; set; }
    }
}
