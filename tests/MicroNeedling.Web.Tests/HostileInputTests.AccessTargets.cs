using System.Globalization;
using System.Net;
using MicroNeedling.Clinic.Audit;
using MicroNeedling.Clinic.CalendarFeeds;
using MicroNeedling.Clinic.Patients;
using MicroNeedling.Clinic.Staff;
using MicroNeedling.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MicroNeedling.Web.Tests;

/// <summary>The forms about record access, the audit trail and the staff member's own account, and the data each needs.</summary>
public sealed partial class HostileInputTests
{
    /// <summary>A second password for the account whose password the test changes; on no common-password list.</summary>
    private const string NewStrongPassword = "lantern meadow copper whistle";

    private async Task<List<FormTarget>> AccessAndAccountTargetsAsync(string otherClinician)
    {
        var signedInClinician = await UserIdAsync(await app.EnsureUserAsync(Roles.Clinician));
        var otherClinicianEmail = await WithDbAsync(db => db.Users.Where(u => u.Id == otherClinician).Select(u => u.Email!).SingleAsync());

        var toOpen = await RestrictedPatientAsync(otherClinician);
        var toRestrict = await app.CreatePatientAsync();
        var toLift = await RestrictedPatientAsync(signedInClinician);
        var grantedPatient = await RestrictedPatientAsync(signedInClinician);
        var grantId = await WithDbAsync(async db =>
        {
            var now = app.Clock.GetUtcNow().UtcDateTime;
            var grant = new EmergencyAccess
            {
                PatientId = grantedPatient,
                StaffId = otherClinician,
                StaffUserName = otherClinicianEmail,
                Reason = "Hostile input test: a grant to review.",
                GrantedAtUtc = now,
                ExpiresAtUtc = now + PatientAccess.GrantLifetime,
            };
            db.EmergencyAccesses.Add(grant);
            await db.SaveChangesAsync();
            return grant.Id;
        });

        // The password form changes the password of an account of this test's own; the sign-in forms get accounts that
        // are half-way through signing in (password given, code not yet).
        var passwordOwner = await app.CreateOwnAccountAsync();
        var passwordClient = app.CreateBrowserlessClient();
        await app.SignInAsync(passwordClient, passwordOwner);
        var setupClient = await PasswordOnlyAsync(await app.CreateAdminWithoutTwoFactorAsync());
        var (codeClient, codeAccount) = await AwaitingCodeAsync();
        var (recoveryClient, recoveryAccount) = await AwaitingCodeAsync();

        // The "turn off" form shows only while the clinician has a calendar link; posting it takes the link away.
        async Task<string?> WithCalendarLinkAsync()
        {
            await app.GetAsync(sp => sp.GetRequiredService<CalendarFeedService>().CreateAsync(signedInClinician));
            return "/Account/CalendarFeed";
        }

        await WithCalendarLinkAsync();

        return
        [
            new(Roles.Clinician, $"/Patients/EmergencyAccess/{toOpen}")
            {
                Defaults = new() { ["Input.Reason"] = () => "Patient in the clinic with a reaction; her clinician is away." },
                // A grant opens the record, and the page then sends the clinician on to it: the next post needs another record.
                AfterAccepted = async _ => $"/Patients/EmergencyAccess/{await RestrictedPatientAsync(otherClinician)}",
            },
            new(Roles.Clinician, $"/Patients/Details/{toRestrict}") { Handler = "Restrict" },
            new(Roles.Clinician, $"/Patients/Details/{toLift}") { Handler = "LiftRestriction" },
            new(Roles.Admin, "/Admin/EmergencyAccess")
            {
                Handler = "Review",
                RowValue = grantId.ToString(CultureInfo.InvariantCulture),
                AfterAccepted = async _ =>
                {
                    await WithDbAsync(db => db.EmergencyAccesses.Where(e => e.Id == grantId).ExecuteUpdateAsync(e => e
                        .SetProperty(x => x.ReviewedAtUtc, (DateTime?)null).SetProperty(x => x.ReviewedBy, (string?)null)
                        .SetProperty(x => x.ReviewNote, (string?)null)));
                    return "/Admin/EmergencyAccess";
                },
            },
            new(Roles.Admin, "/Admin/Audit") { Handler = "Verify", AnswersWithPage = true },
            new(Roles.FrontDesk, "/Account/ChangePassword")
            {
                Client = passwordClient,
                Defaults = new()
                {
                    ["Input.CurrentPassword"] = () => ClinicAppFactory.Password,
                    ["Input.NewPassword"] = () => NewStrongPassword, ["Input.ConfirmPassword"] = () => NewStrongPassword,
                },
                // A hostile new password goes into both new-password fields, so it meets the password rules, not the mismatch check.
                SameAs = new() { ["Input.ConfirmPassword"] = "Input.NewPassword" },
                Unread = ["username"],
                AfterAccepted = async _ =>
                {
                    await SetPasswordKeepingSessionsAsync(passwordOwner, ClinicAppFactory.Password);
                    return null;
                },
                // A wrong current password now counts toward the lockout (issue 15), a write like a failed sign-in's; keep
                // each post the first wrong one.
                IsSignIn = true,
                AfterRefused = () => ResetFailedSignInsAsync(passwordOwner),
            },
            new(Roles.Clinician, "/Account/CalendarFeed") { Handler = "Create" },
            new(Roles.Clinician, "/Account/CalendarFeed") { Handler = "Revoke", AfterAccepted = _ => WithCalendarLinkAsync() },
            new(Roles.Admin, "/Account/TwoFactor/Setup") { Client = setupClient, MustRefuse = true },
            new(Roles.Admin, "/Account/LoginWith2fa")
            {
                Client = codeClient, IsSignIn = true, MustRefuse = true,
                // Five wrong codes lock the account, after which the code is not even checked: keep each post the first wrong one.
                AfterRefused = () => ResetFailedSignInsAsync(codeAccount),
            },
            new(Roles.Admin, "/Account/LoginWithRecoveryCode")
            {
                Client = recoveryClient, IsSignIn = true, MustRefuse = true,
                AfterRefused = () => ResetFailedSignInsAsync(recoveryAccount),
            },
        ];
    }

    private Task<string> UserIdAsync(string email) => WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

    private async Task<int> RestrictedPatientAsync(string clinicianId)
    {
        var patientId = await app.CreatePatientAsync();
        await WithDbAsync(db => db.Patients.Where(p => p.Id == patientId).ExecuteUpdateAsync(p => p.SetProperty(x => x.RestrictedToStaffId, clinicianId)));
        return patientId;
    }

    private async Task<HttpClient> PasswordOnlyAsync(string email)
    {
        var client = app.CreateBrowserlessClient();
        var response = await client.PostFormAsync("/Account/Login", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = ClinicAppFactory.Password });
        return response.StatusCode == HttpStatusCode.Redirect ? client : throw new InvalidOperationException($"Password sign-in of {email}: {(int)response.StatusCode}.");
    }

    /// <summary>An admin with an authenticator who has given the password and is asked for the code.</summary>
    private async Task<(HttpClient Client, string Email)> AwaitingCodeAsync()
    {
        var email = await app.CreateAdminWithoutTwoFactorAsync();
        await app.EnrolAuthenticatorAsync(email);
        var client = app.CreateBrowserlessClient();
        var response = await client.PostFormAsync("/Account/Login", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = ClinicAppFactory.Password });
        return response.Headers.Location?.OriginalString.StartsWith("/Account/LoginWith2fa", StringComparison.Ordinal) == true
            ? (client, email)
            : throw new InvalidOperationException($"{email} was not asked for a code: {(int)response.StatusCode} {response.Headers.Location}.");
    }

    private Task<IdentityResult> ResetFailedSignInsAsync(string email) => app.GetAsync(async sp =>
    {
        var users = sp.GetRequiredService<UserManager<StaffUser>>();
        return await users.ResetAccessFailedCountAsync((await users.FindByEmailAsync(email))!);
    });

    /// <summary>Puts a password back without a new security stamp, so the account's session stays signed in.</summary>
    private Task<IdentityResult> SetPasswordKeepingSessionsAsync(string email, string password) => app.GetAsync(async sp =>
    {
        var users = sp.GetRequiredService<UserManager<StaffUser>>();
        var user = (await users.FindByEmailAsync(email))!;
        user.PasswordHash = users.PasswordHasher.HashPassword(user, password);
        return await users.UpdateAsync(user);
    });
}
