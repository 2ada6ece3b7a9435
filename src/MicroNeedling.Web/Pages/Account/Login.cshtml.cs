using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroNeedling.Web.Pages.Account;

public sealed class LoginModel(SignInManager<StaffUser> signIn) : PageModel
{
    /// <summary>Shown by every sign-in step; a wrong code counts towards the same lockout as a wrong password.</summary>
    public const string LockedOutMessage = "This account is locked after too many failed attempts. Try again in 15 minutes.";

    [BindProperty]
    public LoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(Input.Email))
        {
            ModelState.AddModelError("Input.Email", "Enter your e-mail address.");
        }

        if (string.IsNullOrEmpty(Input.Password))
        {
            ModelState.AddModelError("Input.Password", "Enter your password.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (!UnicodeText.IsWellFormed(Input.Email))
        {
            // No account has such an e-mail, and Identity's normalizer would throw on it.
            ModelState.AddModelError("", "The e-mail address or password is not right, or the account is disabled.");
            return Page();
        }

        // Lockout on failure is on: five wrong passwords lock the account for 15 minutes.
        var result = await signIn.PasswordSignInAsync(Input.Email.Trim(), Input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }

        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("/Account/LoginWith2fa", new { ReturnUrl });
        }

        // One message for a wrong e-mail, a wrong password and a disabled account, so the form does not reveal
        // which accounts exist. Identity checks "disabled" before the password, so telling it apart would leak it.
        ModelState.AddModelError("", result.IsLockedOut
            ? LockedOutMessage
            : "The e-mail address or password is not right, or the account is disabled.");
        Input.Password = "";
        return Page();
    }

    public sealed class LoginInput
    {
        public string Email { get; set; } = "";

        public string Password { get; set; } = "";
    }
}
