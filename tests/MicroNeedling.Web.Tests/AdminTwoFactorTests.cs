using System.Net;
using MicroNeedling.Clinic.Staff;
using MicroNeedling.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace MicroNeedling.Web.Tests;

/// <summary>Admin accounts must sign in with an authenticator app (ASVS 4.3.1); other roles are not asked for a code.</summary>
[Collection(SharedApp.Name)]
public sealed class AdminTwoFactorTests(ClinicAppFactory app)
{
    private const string Setup = "/Account/TwoFactor/Setup";

    private static readonly string[] AdminPages =
    [
        "/Admin/Staff", "/Admin/Staff/Create", "/Admin/Settings", "/Admin/Rooms", "/Admin/OpeningHours",
        "/Admin/Clinicians", "/Admin/Clinicians/Hours/some-clinician", "/Admin/DepthRanges",
    ];

    private async Task<HttpClient> SignInWithPasswordOnlyAsync(string email)
    {
        var client = app.CreateBrowserlessClient();
        var response = await client.PostFormAsync("/Account/Login", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = ClinicAppFactory.Password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    private async Task<string> SharedKeyAsync(string email) => await app.GetAsync(async sp =>
    {
        var users = sp.GetRequiredService<UserManager<StaffUser>>();
        return (await users.GetAuthenticatorKeyAsync((await users.FindByEmailAsync(email))!))!;
    });

    private Task<bool> TwoFactorEnabledAsync(string email) => app.GetAsync(async sp =>
    {
        var users = sp.GetRequiredService<UserManager<StaffUser>>();
        return await users.GetTwoFactorEnabledAsync((await users.FindByEmailAsync(email))!);
    });

    [Fact]
    public async Task An_admin_without_two_factor_is_sent_to_set_it_up_from_every_admin_page()
    {
        var client = await SignInWithPasswordOnlyAsync(await app.CreateAdminWithoutTwoFactorAsync());

        var start = await client.GetAsync("/");
        Assert.Equal("/Admin/Staff", start.Headers.Location!.OriginalString);
        var answers = new List<string>();
        foreach (var url in AdminPages)
        {
            var response = await client.GetAsync(url);
            answers.Add($"{url} {(int)response.StatusCode} {response.Headers.Location?.OriginalString}");
        }

        var post = await client.PostFieldsAsync("/Admin/Staff/Create", [new("Input.Email", "someone@tests.clinic")]);
        answers.Add($"POST {(int)post.StatusCode} {post.Headers.Location?.OriginalString}");

        Assert.Equal(
            [.. AdminPages.Select(url => $"{url} 302 {Setup}?ReturnUrl={Uri.EscapeDataString(url)}"), $"POST 302 {Setup}?ReturnUrl=%2FAdmin%2FStaff%2FCreate"],
            answers);
    }

    [Fact]
    public async Task The_setup_page_shows_the_shared_key_in_groups_and_the_otpauth_uri()
    {
        var email = await app.CreateAdminWithoutTwoFactorAsync();
        var client = await SignInWithPasswordOnlyAsync(email);

        var page = await client.GetDocumentAsync(Setup);

        var key = await SharedKeyAsync(email);
        var shown = page.QuerySelector("[data-testid=shared-key]")!.TextContent;
        Assert.Equal(key.ToLowerInvariant(), shown.Replace(" ", "", StringComparison.Ordinal));
        Assert.Matches("^([a-z2-7]{4} )+[a-z2-7]{1,4}$", shown);
        Assert.Equal($"otpauth://totp/MicroNeedling:{Uri.EscapeDataString(email)}?secret={key}&issuer=MicroNeedling&digits=6",
            page.QuerySelector("[data-testid=authenticator-uri]")!.TextContent);
    }

    [Fact]
    public async Task Opening_the_setup_page_keeps_the_session_although_the_new_key_renews_the_security_stamp()
    {
        var email = await app.CreateAdminWithoutTwoFactorAsync();
        var client = await SignInWithPasswordOnlyAsync(email);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Setup)).StatusCode);
        var again = await client.GetAsync(Setup);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task A_wrong_code_is_refused_with_a_message_next_to_the_field()
    {
        var email = await app.CreateAdminWithoutTwoFactorAsync();
        var client = await SignInWithPasswordOnlyAsync(email);
        await client.GetDocumentAsync(Setup);
        var wrong = (int.Parse(await app.AuthenticatorCodeAsync(email), System.Globalization.CultureInfo.InvariantCulture) + 500_000) % 1_000_000;

        var response = await client.PostFormAsync(Setup, new Dictionary<string, string> { ["Input.Code"] = wrong.ToString("D6", System.Globalization.CultureInfo.InvariantCulture) });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("not right", (await response.ReadDocumentAsync()).FieldError("Input.Code"));
        Assert.False(await TwoFactorEnabledAsync(email));
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/Admin/Staff")).StatusCode);
    }

    [Fact]
    public async Task The_right_code_turns_two_factor_on_shows_ten_recovery_codes_once_and_opens_the_admin_pages()
    {
        var email = await app.CreateAdminWithoutTwoFactorAsync();
        var client = await SignInWithPasswordOnlyAsync(email);
        await client.GetDocumentAsync(Setup);

        var response = await client.PostFormAsync(Setup + "?ReturnUrl=%2FAdmin%2FRooms", new Dictionary<string, string> { ["Input.Code"] = await app.AuthenticatorCodeAsync(email) });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.Equal(10, page.QuerySelectorAll("[data-testid=recovery-codes] li").Length);
        Assert.NotNull(page.QuerySelector("a[href='/Admin/Rooms']"));
        Assert.True(await TwoFactorEnabledAsync(email));
        foreach (var url in AdminPages.Where(u => !u.Contains("Hours", StringComparison.Ordinal)))
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(url)).StatusCode);
        }

        var again = await client.GetDocumentAsync(Setup);
        Assert.Empty(again.QuerySelectorAll("[data-testid=recovery-codes] li"));
        Assert.Null(again.QuerySelector("[data-testid=shared-key]"));
    }

    [Fact]
    public async Task After_enrolment_signing_in_needs_the_code_from_the_app()
    {
        var email = await app.CreateAdminWithoutTwoFactorAsync();
        await app.EnrolAuthenticatorAsync(email);
        var client = app.CreateBrowserlessClient();

        var password = await client.PostFormAsync("/Account/Login?ReturnUrl=%2FAdmin%2FSettings",
            new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = ClinicAppFactory.Password });
        Assert.Equal(HttpStatusCode.Redirect, password.StatusCode);
        var codePage = password.Headers.Location!.OriginalString;
        Assert.Equal("/Account/LoginWith2fa?ReturnUrl=%2FAdmin%2FSettings", codePage);

        // The password alone signs nobody in.
        Assert.StartsWith("/Account/Login?", (await client.GetAsync("/Admin/Settings")).Headers.Location!.PathAndQuery);

        var wrong = await client.PostFormAsync(codePage, new Dictionary<string, string> { ["Input.Code"] = "000000" == await app.AuthenticatorCodeAsync(email) ? "111111" : "000000" });
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("not right", (await wrong.ReadDocumentAsync()).FieldError("Input.Code"));

        var right = await client.PostFormAsync(codePage, new Dictionary<string, string> { ["Input.Code"] = await app.AuthenticatorCodeAsync(email) });
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal("/Admin/Settings", right.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Admin/Settings")).StatusCode);
    }

    [Fact]
    public async Task Remember_this_device_is_not_offered_and_a_forged_request_for_it_is_ignored()
    {
        var email = await app.CreateAdminWithoutTwoFactorAsync();
        await app.EnrolAuthenticatorAsync(email);
        var client = app.CreateBrowserlessClient();
        await client.PostFormAsync("/Account/Login", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = ClinicAppFactory.Password });

        var codePage = await client.GetDocumentAsync("/Account/LoginWith2fa");
        Assert.Empty(codePage.QuerySelectorAll("input[type=checkbox]"));
        var signedIn = await client.PostFormAsync("/Account/LoginWith2fa", new Dictionary<string, string>
        {
            ["Input.Code"] = await app.AuthenticatorCodeAsync(email),
            ["Input.RememberMachine"] = "true",
            ["RememberMachine"] = "true",
        });
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        await client.PostFormAsync("/Admin/Staff", [], postUrl: "/Account/Logout");

        // Same browser (same cookie jar): the next sign-in still asks for a code.
        var next = await client.PostFormAsync("/Account/Login", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = ClinicAppFactory.Password });
        Assert.StartsWith("/Account/LoginWith2fa", next.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_recovery_code_signs_in_once()
    {
        var email = await app.CreateAdminWithoutTwoFactorAsync();
        await app.EnrolAuthenticatorAsync(email);
        var codes = await app.GetAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<StaffUser>>();
            return (await users.GenerateNewTwoFactorRecoveryCodesAsync((await users.FindByEmailAsync(email))!, 10))!.ToList();
        });

        async Task<HttpResponseMessage> SignInWithRecoveryCodeAsync(HttpClient client)
        {
            var password = await client.PostFormAsync("/Account/Login", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = ClinicAppFactory.Password });
            Assert.StartsWith("/Account/LoginWith2fa", password.Headers.Location!.OriginalString);
            var codePage = await client.GetDocumentAsync(password.Headers.Location.OriginalString);
            var recoveryLink = codePage.QuerySelector("a[href^='/Account/LoginWithRecoveryCode']")!.GetAttribute("href")!;
            return await client.PostFormAsync(recoveryLink, new Dictionary<string, string> { ["Input.Code"] = codes[3] });
        }

        var first = app.CreateBrowserlessClient();
        var used = await SignInWithRecoveryCodeAsync(first);
        Assert.Equal(HttpStatusCode.Redirect, used.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/Admin/Staff")).StatusCode);

        var second = app.CreateBrowserlessClient();
        var reused = await SignInWithRecoveryCodeAsync(second);
        Assert.Equal(HttpStatusCode.OK, reused.StatusCode);
        Assert.Contains("used already", (await reused.ReadDocumentAsync()).FieldError("Input.Code"));
        Assert.StartsWith("/Account/Login?", (await second.GetAsync("/Admin/Staff")).Headers.Location!.PathAndQuery);
    }

    [Theory]
    [InlineData(Roles.Clinician)]
    [InlineData(Roles.FrontDesk)]
    public async Task Clinicians_and_front_desk_are_not_asked_for_a_code(string role)
    {
        var email = await app.EnsureUserAsync(role);
        var client = app.CreateBrowserlessClient();

        var response = await client.PostFormAsync("/Account/Login", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = ClinicAppFactory.Password });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Patients")).StatusCode);
    }
}

/// <summary>Its own host, because it moves the clock past the security-stamp check that rebuilds the session.</summary>
public sealed class TwoFactorSessionTests(ClinicAppFactory app) : IClassFixture<ClinicAppFactory>
{
    [Fact]
    public async Task A_two_factor_admin_session_keeps_the_admin_pages_after_the_security_stamp_check()
    {
        var admin = await app.LoginAsAsync(Roles.Admin);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/Admin/Staff")).StatusCode);

        app.Clock.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/Admin/Staff")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/Admin/Settings")).StatusCode);
    }
}
