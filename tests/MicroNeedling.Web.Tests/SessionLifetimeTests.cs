using System.Net;
using MicroNeedling.Testing;

namespace MicroNeedling.Web.Tests;

/// <summary>
/// Automatic logoff (ASVS 3.3.2, HIPAA 164.312(a)(2)(iii)): 30 idle minutes end a session, and no session outlives
/// 12 hours, however busy. These tests move the clock, so they have an app host of their own.
/// </summary>
public sealed class SessionLifetimeTests(ClinicAppFactory app) : IClassFixture<ClinicAppFactory>
{
    private static void AssertSentToLogin(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task Thirty_idle_minutes_end_the_session()
    {
        var (client, _) = await app.SignInWithJarAsync(await app.CreateOwnAccountAsync());

        app.Clock.Advance(TimeSpan.FromMinutes(30) + TimeSpan.FromSeconds(1));

        AssertSentToLogin(await client.GetAsync("/Patients"));
    }

    [Fact]
    public async Task Activity_keeps_a_session_alive_beyond_thirty_minutes()
    {
        var (client, _) = await app.SignInWithJarAsync(await app.CreateOwnAccountAsync());

        for (var step = 0; step < 3; step++)
        {
            app.Clock.Advance(TimeSpan.FromMinutes(20));
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Patients")).StatusCode);
        }
    }

    [Fact]
    public async Task A_session_ends_twelve_hours_after_sign_in_however_active()
    {
        var (client, _) = await app.SignInWithJarAsync(await app.CreateOwnAccountAsync());

        // A request every 20 minutes keeps the idle timer from ever running out.
        for (var elapsed = TimeSpan.FromMinutes(20); elapsed < TimeSpan.FromHours(12); elapsed += TimeSpan.FromMinutes(20))
        {
            app.Clock.Advance(TimeSpan.FromMinutes(20));
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Patients")).StatusCode);
        }

        app.Clock.Advance(TimeSpan.FromMinutes(20));
        AssertSentToLogin(await client.GetAsync("/Patients"));
    }

    [Fact]
    public async Task A_password_change_does_not_restart_the_twelve_hours()
    {
        var (client, _) = await app.SignInWithJarAsync(await app.CreateOwnAccountAsync());

        // 11 hours 40 minutes of steady work, then the change.
        for (var step = 0; step < 35; step++)
        {
            app.Clock.Advance(TimeSpan.FromMinutes(20));
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Patients")).StatusCode);
        }

        var changed = await client.PostFormAsync("/Account/ChangePassword", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = ClinicAppFactory.Password,
            ["Input.NewPassword"] = "saffron tunnel beacon",
            ["Input.ConfirmPassword"] = "saffron tunnel beacon",
        });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);

        app.Clock.Advance(TimeSpan.FromMinutes(20));
        AssertSentToLogin(await client.GetAsync("/Patients"));
    }
}
