using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroNeedling.Web.Pages.Account;

public sealed class LoginModel(SignInManager<StaffUser> signIn, IPasswordHasher<StaffUser> hasher) : PageModel
{
    /// <summary>
    /// The one answer to every refused password sign-in: unknown address, wrong password, disabled or locked account.
    /// A locked account's owner learns it here too, without the form telling a stranger which accounts exist.
    /// </summary>
    public const string RefusedMessage =
        "The e-mail address or password is not right, or the account is disabled or locked after too many attempts (then wait 15 minutes).";

    // A hash of no one's password, made once with the app's own hasher: checking a password against it costs what checking
    // a real account's password costs, so an unknown address answers as slowly as a known one.
    private static string? dummyHash;

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
            VerifyAgainstDummy(Input.Password);
            ModelState.AddModelError("", RefusedMessage);
            return Page();
        }

        // Lockout on failure is on: five wrong passwords lock the account for 15 minutes.
        var result = await signIn.PasswordSignInAsync(Input.Email.Trim(), Input.Password, isPersistent: false, lockoutOnFailure: true);
        if (!result.Succeeded && !result.RequiresTwoFactor && (result.IsLockedOut || result.IsNotAllowed || !await IsKnownAsync(Input.Email.Trim())))
        {
            // Identity answered without checking a password (no such account, or locked or disabled before the check):
            // do the same work as a wrong password would, so the time taken tells nothing either.
            VerifyAgainstDummy(Input.Password);
        }
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
        ModelState.AddModelError("", RefusedMessage);
        Input.Password = "";
        return Page();
    }

    private async Task<bool> IsKnownAsync(string email) => await signIn.UserManager.FindByNameAsync(email) is not null;

    private void VerifyAgainstDummy(string password)
    {
        var nobody = new StaffUser { UserName = "nobody@invalid" };
        dummyHash ??= hasher.HashPassword(nobody, Guid.NewGuid().ToString("N"));
        hasher.VerifyHashedPassword(nobody, dummyHash, password);
    }

    public sealed class LoginInput
    {
        public string Email { get; set; } = "";

        public string Password { get; set; } = "";
    }
}
