using System.Net;
using MicroNeedling.Clinic.Staff;
using MicroNeedling.Testing;

namespace MicroNeedling.Web.Tests;

/// <summary>Cookie jars a test can copy (a stolen or replayed session) and the Set-Cookie headers a response carries.</summary>
internal static class SessionCookies
{
    public static CookieContainer Copy(this CookieContainer jar)
    {
        var copy = new CookieContainer();
        copy.Add(jar.GetAllCookies());
        return copy;
    }

    /// <summary>The Set-Cookie header for <paramref name="name"/>, or "" when the response sets no such cookie.</summary>
    public static string SetCookie(this HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues("Set-Cookie", out var values)
            ? values.FirstOrDefault(v => v.StartsWith(name + "=", StringComparison.Ordinal)) ?? ""
            : "";

    /// <summary>A staff account of the calling test's own, so signing it out or changing its password disturbs no other test.</summary>
    public static Task<string> CreateOwnAccountAsync(this ClinicAppFactory app, string role = Roles.FrontDesk) =>
        app.EnsureUserAsync(role, $"{ClinicAppFactory.UniqueName().ToLowerInvariant()}@tests.clinic");

    /// <summary>A client with its own cookie jar, signed in as <paramref name="email"/>.</summary>
    public static async Task<(HttpClient Client, CookieContainer Jar)> SignInWithJarAsync(this ClinicAppFactory app, string email, bool https = false)
    {
        var jar = new CookieContainer();
        var client = app.CreateClient(jar, https);
        await app.SignInAsync(client, email);
        return (client, jar);
    }
}
