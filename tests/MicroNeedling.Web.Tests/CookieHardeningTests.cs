using System.Net;
using MicroNeedling.Clinic.Staff;
using MicroNeedling.Testing;
using MicroNeedling.Web.Infrastructure;

namespace MicroNeedling.Web.Tests;

/// <summary>The app as deployed: the Production environment over HTTPS.</summary>
public sealed class ProductionApp : ClinicAppFactory
{
    public ProductionApp() => EnvironmentName = "Production";
}

/// <summary>
/// Cookies (ASVS 3.4.1-3.4.4): the sign-in and antiforgery cookies are HttpOnly, SameSite=Strict, Secure over HTTPS,
/// and in production carry the __Host- prefix with path "/" and no domain.
/// </summary>
[Collection(SharedApp.Name)]
public sealed class CookieHardeningTests(ClinicAppFactory app, ProductionApp production) : IClassFixture<ProductionApp>
{
    /// <summary>Signs in over HTTPS and returns the Set-Cookie headers of the antiforgery cookie and of the sign-in cookie.</summary>
    private static async Task<(string Antiforgery, string Auth)> SignInOverHttpsAsync(ClinicAppFactory host, string antiforgeryName, string authName)
    {
        var email = await host.EnsureUserAsync(Roles.FrontDesk);
        var client = host.CreateClient(new CookieContainer(), https: true);

        var form = await client.GetAsync("/Account/Login");
        var token = (await form.ReadDocumentAsync()).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var signIn = await client.PostFieldsAsync("/Account/Login",
            [new("Input.Email", email), new("Input.Password", ClinicAppFactory.Password), new("__RequestVerificationToken", token)]);

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        return (form.SetCookie(antiforgeryName), signIn.SetCookie(authName));
    }

    private static void AssertHardened(string setCookie)
    {
        Assert.NotEqual("", setCookie);
        var attributes = setCookie.Split(';').Skip(1).Select(a => a.Trim().ToLowerInvariant()).ToList();
        Assert.Contains("httponly", attributes);
        Assert.Contains("samesite=strict", attributes);
        Assert.Contains("secure", attributes);
        Assert.Contains("path=/", attributes);
        Assert.DoesNotContain(attributes, a => a.StartsWith("domain=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Over_https_the_sign_in_and_antiforgery_cookies_are_httponly_samesite_strict_and_secure()
    {
        var (antiforgery, auth) = await SignInOverHttpsAsync(app, SessionSecurity.AntiforgeryCookie, SessionSecurity.AuthCookie);

        AssertHardened(antiforgery);
        AssertHardened(auth);
    }

    [Fact]
    public async Task In_production_both_cookies_carry_the_host_prefix()
    {
        var (antiforgery, auth) = await SignInOverHttpsAsync(production, "__Host-" + SessionSecurity.AntiforgeryCookie, "__Host-" + SessionSecurity.AuthCookie);

        AssertHardened(antiforgery);
        AssertHardened(auth);
    }
}
