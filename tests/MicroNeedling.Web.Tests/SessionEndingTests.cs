using System.Net;
using MicroNeedling.Clinic.Staff;
using MicroNeedling.Testing;
using MicroNeedling.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace MicroNeedling.Web.Tests;

/// <summary>
/// Ending a session really ends it (ASVS 3.2.1, 3.3.1): a copy of the cookie taken before sign-out, a password change or
/// disabling the account is refused on its very next request. The shared app's clock stands still, so these also prove
/// the security stamp is checked on every request and not only after an interval.
/// </summary>
[Collection(SharedApp.Name)]
public sealed class SessionEndingTests(ClinicAppFactory app)
{
    [Fact]
    public async Task A_cookie_copied_before_sign_out_is_refused_after_it()
    {
        var (client, jar) = await app.SignInWithJarAsync(await app.CreateOwnAccountAsync());
        var copied = app.CreateClient(jar.Copy());
        Assert.Equal(HttpStatusCode.OK, (await copied.GetAsync("/Patients")).StatusCode);

        var signOut = await client.PostFormAsync("/Patients", [], postUrl: "/Account/Logout");
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);

        var replay = await copied.GetAsync("/Patients");
        Assert.Equal(HttpStatusCode.Redirect, replay.StatusCode);
        Assert.StartsWith("/Account/Login", replay.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task A_password_change_ends_other_sessions_but_keeps_the_one_that_made_it()
    {
        var email = await app.CreateOwnAccountAsync();
        var (client, jar) = await app.SignInWithJarAsync(email);
        var copied = app.CreateClient(jar.Copy());
        const string newPassword = "lilac ferry granite pocket";

        var changed = await client.PostFormAsync("/Account/ChangePassword", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = ClinicAppFactory.Password,
            ["Input.NewPassword"] = newPassword,
            ["Input.ConfirmPassword"] = newPassword,
        });

        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Patients")).StatusCode);
        var replay = await copied.GetAsync("/Patients");
        Assert.Equal(HttpStatusCode.Redirect, replay.StatusCode);
        Assert.StartsWith("/Account/Login", replay.Headers.Location!.PathAndQuery);
        await app.SignInAsync(app.CreateBrowserlessClient(), email, newPassword);
    }

    [Fact]
    public async Task Disabling_an_account_ends_its_open_session_at_once()
    {
        var email = await app.CreateOwnAccountAsync();
        var (client, _) = await app.SignInWithJarAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Patients")).StatusCode);
        var userId = await app.GetAsync(async sp => (await sp.GetRequiredService<UserManager<StaffUser>>().FindByEmailAsync(email))!.Id);

        var admin = await app.LoginAsAsync(Roles.Admin);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync("/Admin/Staff", [new("userId", userId)], postUrl: "/Admin/Staff?handler=Disable")).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/Patients")).StatusCode);
    }

    [Fact]
    public async Task Signing_in_replaces_the_session_cookie_the_browser_already_had()
    {
        var email = await app.CreateOwnAccountAsync();
        var jar = new CookieContainer();
        jar.Add(new Uri("http://localhost"), new Cookie(SessionSecurity.AuthCookie, "planted-by-someone-else"));
        var client = app.CreateClient(jar);

        var first = await client.PostFormAsync("/Account/Login", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = ClinicAppFactory.Password });
        var firstCookie = first.SetCookie(SessionSecurity.AuthCookie);
        var second = await client.PostFormAsync("/Account/Login", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = ClinicAppFactory.Password });
        var secondCookie = second.SetCookie(SessionSecurity.AuthCookie);

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.StartsWith(SessionSecurity.AuthCookie + "=", firstCookie);
        Assert.DoesNotContain("planted-by-someone-else", firstCookie);
        Assert.StartsWith(SessionSecurity.AuthCookie + "=", secondCookie);
        Assert.NotEqual(firstCookie.Split(';')[0], secondCookie.Split(';')[0]);
    }
}
