using System.Net;
using MicroNeedling.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace MicroNeedling.Web.Tests;

/// <summary>
/// An app host that allows 3 sign-in posts per client address per 10 minutes, and takes the client address from a
/// test header (TestServer has none), so tests can sign in "from" different addresses.
/// </summary>
public sealed class ThrottledSignInApp : ClinicAppFactory
{
    public const string ClientAddressHeader = "X-Test-Client-Address";

    public ThrottledSignInApp()
    {
        Settings["LoginThrottle:PermitLimit"] = "3";
        Settings["LoginThrottle:WindowSeconds"] = "600";
    }

    public HttpClient CreateClientFrom(string address)
    {
        var client = CreateBrowserlessClient();
        client.DefaultRequestHeaders.Add(ClientAddressHeader, address);
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, ClientAddressFromHeader>());
    }

    private sealed class ClientAddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (IPAddress.TryParse(context.Request.Headers[ClientAddressHeader].ToString(), out var address))
                {
                    context.Connection.RemoteIpAddress = address;
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}

/// <summary>ASP.NET Core's rate limiter on the sign-in post, per client address, on top of the per-account lockout.</summary>
public sealed class LoginThrottlingTests(ThrottledSignInApp app) : IClassFixture<ThrottledSignInApp>
{
    /// <summary>A wrong password for an account that does not exist: it spends a permit and locks nobody out.</summary>
    private static Task<HttpResponseMessage> GuessAsync(HttpClient client) =>
        client.PostFormAsync("/Account/Login", new Dictionary<string, string>
        {
            ["Input.Email"] = $"{ClinicAppFactory.UniqueName()}@nowhere.example",
            ["Input.Password"] = "a wrong guess of a password",
        });

    [Fact]
    public async Task The_fourth_sign_in_post_from_one_address_is_refused_with_429_and_a_message()
    {
        var client = app.CreateClientFrom("203.0.113.10");
        for (var attempt = 0; attempt < 3; attempt++)
        {
            Assert.Equal(HttpStatusCode.OK, (await GuessAsync(client)).StatusCode);
        }

        var refused = await GuessAsync(client);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("Too many sign-in attempts", await refused.Content.ReadAsStringAsync());
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
    }

    [Fact]
    public async Task Another_address_still_signs_in_while_one_is_throttled()
    {
        var noisy = app.CreateClientFrom("203.0.113.20");
        for (var attempt = 0; attempt < 4; attempt++)
        {
            await GuessAsync(noisy);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await GuessAsync(noisy)).StatusCode);
        var colleague = app.CreateClientFrom("203.0.113.21");
        await app.SignInAsync(colleague, await app.EnsureUserAsync(MicroNeedling.Clinic.Staff.Roles.FrontDesk));
    }

    [Fact]
    public async Task A_throttled_address_can_still_open_the_login_page_and_the_rest_of_the_app()
    {
        var client = app.CreateClientFrom("203.0.113.30");
        for (var attempt = 0; attempt < 4; attempt++)
        {
            await GuessAsync(client);
        }

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Account/Login")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/Patients")).StatusCode);
    }
}
