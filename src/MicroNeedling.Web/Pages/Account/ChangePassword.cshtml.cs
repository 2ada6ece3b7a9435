using MicroNeedling.Clinic.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroNeedling.Web.Pages.Account;

/// <summary>Every signed-in staff member changes their own password here; the change ends their other sessions.</summary>
public sealed class ChangePasswordModel(UserManager<StaffUser> users, SignInManager<StaffUser> signIn) : PageModel
{
    [BindProperty]
    public ChangePasswordInput Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrEmpty(Input.CurrentPassword))
        {
            ModelState.AddModelError("Input.CurrentPassword", "Enter your current password.");
        }

        if (string.IsNullOrEmpty(Input.NewPassword))
        {
            ModelState.AddModelError("Input.NewPassword", "Enter a new password.");
        }
        else if (Input.NewPassword.Length > CreateStaffCommand.MaxPasswordLength)
        {
            // The same limit as for a new account: hashing is the costly part, and a 100 kB password only slows the server down.
            ModelState.AddModelError("Input.NewPassword", $"The password can be at most {CreateStaffCommand.MaxPasswordLength} characters.");
        }
        else if (Input.ConfirmPassword != Input.NewPassword)
        {
            ModelState.AddModelError("Input.ConfirmPassword", "The two new passwords are not the same.");
        }

        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (await users.IsLockedOutAsync(user))
        {
            return await SignOutLockedAsync();
        }

        if (ModelState.IsValid)
        {
            var result = await users.ChangePasswordAsync(user, Input.CurrentPassword, Input.NewPassword);
            if (result.Succeeded)
            {
                // The change gave the account a new security stamp, which ends every other session at its next request;
                // this session gets a cookie with the new stamp (and keeps its original sign-in time).
                await signIn.RefreshSignInAsync(user);
                TempData["Flash"] = "Your password is changed. Any other session of your account is signed out.";
                return Redirect("/");
            }

            foreach (var error in result.Errors)
            {
                if (error.Code == nameof(IdentityErrorDescriber.PasswordMismatch))
                {
                    // A wrong current password is a password guess: it counts toward the lockout like a failed sign-in,
                    // and the posts are throttled like sign-in posts (SessionSecurity).
                    await users.AccessFailedAsync(user);
                    if (await users.IsLockedOutAsync(user))
                    {
                        return await SignOutLockedAsync();
                    }

                    ModelState.AddModelError("Input.CurrentPassword", "This is not your current password.");
                }
                else
                {
                    ModelState.AddModelError("Input.NewPassword", error.Description);
                }
            }
        }

        // Passwords never go back to the browser.
        Input = new ChangePasswordInput();
        return Page();
    }

    /// <summary>Too many wrong current passwords: the account is locked like after failed sign-ins, and this session ends.</summary>
    private async Task<IActionResult> SignOutLockedAsync()
    {
        await signIn.SignOutAsync();
        TempData["Flash"] = "Too many wrong passwords: the account is locked for a while. Sign in again later, or ask an administrator.";
        return Redirect("/Account/Login");
    }

    public sealed class ChangePasswordInput
    {
        public string CurrentPassword { get; set; } = "";

        public string NewPassword { get; set; } = "";

        public string ConfirmPassword { get; set; } = "";
    }
}
