using MicroNeedling.Clinic.Staff;
using MicroNeedling.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroNeedling.Web.Pages.Account;

/// <summary>
/// The second step of signing in for accounts with two-factor sign-in on. There is no "remember this device":
/// every sign-in asks for a code, so a shared clinic computer never skips the second factor.
/// </summary>
public sealed class LoginWith2faModel(SignInManager<StaffUser> signIn) : PageModel
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
            // The password step expired (five minutes) or never happened.
            return RedirectToPage("/Account/Login", new { ReturnUrl });
        }

        var code = AdminTwoFactor.NormalizeCode(Input.Code);
        if (code.Length == 0)
        {
            ModelState.AddModelError("Input.Code", "Enter the 6-digit code your authenticator app shows.");
            return Page();
        }

        // A wrong code counts towards the same lockout as a wrong password.
        var result = await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }

        ModelState.AddModelError("Input.Code", result.IsLockedOut
            ? LoginModel.LockedOutMessage
            : "That code is not right. Enter the code your app shows now.");
        Input.Code = "";
        return Page();
    }

    public sealed class CodeInput
    {
        public string Code { get; set; } = "";
    }
}
