using System.Security.Claims;
using MicroNeedling.Clinic.Staff;
using MicroNeedling.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroNeedling.Web.Pages.Account.TwoFactor;

/// <summary>
/// Enrols the signed-in user's authenticator app: shows the shared key and the otpauth:// URI, checks one code,
/// then turns two-factor sign-in on and shows ten recovery codes, once. Admins are sent here until they have done it.
/// </summary>
public sealed class SetupModel(UserManager<StaffUser> users, SignInManager<StaffUser> signIn) : PageModel
{
    private const string Issuer = "MicroNeedling";

    [BindProperty]
    public SetupInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string SharedKey { get; private set; } = "";

    public string AuthenticatorUri { get; private set; } = "";

    public bool AlreadyEnabled { get; private set; }

    public bool SessionHasSecondFactor => User.SignedInWithSecondFactor();

    /// <summary>Set only in the answer to a successful enrolment: the codes are shown once and never again.</summary>
    public IReadOnlyList<string> RecoveryCodes { get; private set; } = [];

    public string ContinueUrl => Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/";

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        await LoadKeyAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (await users.GetTwoFactorEnabledAsync(user))
        {
            await LoadKeyAsync(user);
            return Page();
        }

        var code = AdminTwoFactor.NormalizeCode(Input.Code);
        var valid = code.Length == 6 && code.All(char.IsAsciiDigit)
            && await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code);
        if (!valid)
        {
            ModelState.AddModelError("Input.Code", code.Length == 0
                ? "Enter the 6-digit code your authenticator app shows."
                : "That code is not right. Enter the code your app shows now, and check that your phone's clock is correct.");
            Input.Code = "";
            await LoadKeyAsync(user);
            return Page();
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        RecoveryCodes = [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10) ?? []];

        // The user has just proved both factors in this session (password at sign-in, code now), so the session
        // is re-issued as a two-factor one; enabling 2FA also changed the security stamp, which ends the old cookie.
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim(AdminTwoFactor.AuthenticationMethodClaim, AdminTwoFactor.MultiFactor)]);
        AlreadyEnabled = true;
        return Page();
    }

    private async Task LoadKeyAsync(StaffUser user)
    {
        AlreadyEnabled = await users.GetTwoFactorEnabledAsync(user);
        if (AlreadyEnabled)
        {
            return;
        }

        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user) ?? "";

            // A new key renews the security stamp, and the stamp is checked on every request: without a fresh cookie,
            // merely opening this page would sign the user out at their next click.
            await signIn.RefreshSignInAsync(user);
        }

        SharedKey = AdminTwoFactor.FormatKey(key);
        var account = Uri.EscapeDataString(user.Email ?? user.UserName ?? "");
        AuthenticatorUri = $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{account}?secret={key}&issuer={Uri.EscapeDataString(Issuer)}&digits=6";
    }

    public sealed class SetupInput
    {
        public string Code { get; set; } = "";
    }
}
