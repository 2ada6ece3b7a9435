using System.Net;
using MicroNeedling.Clinic.Staff;
using MicroNeedling.Testing;
using MicroNeedling.Web.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace MicroNeedling.Web.Tests;

/// <summary>
/// A production host as a reverse proxy would see it. TestServer has no TCP peer, so a test header says which address
/// the request comes from (the proxy's, or a client's that bypasses it), and the response reports the scheme and client
/// address the app ended up with.
/// </summary>
public class BehindProxyApp : ClinicAppFactory
{
    public const string PeerHeader = "X-Test-Peer-Address";
    public const string SeenSchemeHeader = "X-Test-Seen-Scheme";
    public const string SeenClientHeader = "X-Test-Seen-Client";

    public BehindProxyApp(bool forwardingEnabled)
    {
        EnvironmentName = "Production";
        Settings["LoginThrottle:PermitLimit"] = "3";
        Settings["LoginThrottle:WindowSeconds"] = "600";
        if (forwardingEnabled)
        {
            Settings["ForwardedHeaders:Enabled"] = "true";
            Settings["ForwardedHeaders:KnownProxies:0"] = "192.0.2.10";
            Settings["ForwardedHeaders:KnownNetworks:0"] = "10.0.0.0/8";
        }
    }

    /// <summary>
    /// A client talking plain HTTP to the app from <paramref name="peer"/> (127.0.0.1: nginx on the same machine),
    /// with the headers nginx adds, and passing the cookies back as a browser on HTTPS would.
    /// </summary>
    public HttpClient CreateClientThroughProxy(string client, string peer = "127.0.0.1", string proto = "https") =>
        CreateDefaultClient(new Uri("http://clinic.example"), new ProxyHop(peer, client, proto));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, PeerAddressAndProbe>());
    }

    private sealed class PeerAddressAndProbe : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (IPAddress.TryParse(context.Request.Headers[PeerHeader].ToString(), out var peer))
                {
                    context.Connection.RemoteIpAddress = peer;
                }

                // Read when the response starts, after the app's own middleware has run on the same request.
                context.Response.OnStarting(() =>
                {
                    context.Response.Headers[SeenSchemeHeader] = context.Request.Scheme;
                    context.Response.Headers[SeenClientHeader] = context.Connection.RemoteIpAddress?.ToString() ?? "";
                    return Task.CompletedTask;
                });
                return nextMiddleware(context);
            });
            next(app);
        };
    }

    /// <summary>What nginx does between the browser and the app: add X-Forwarded-*, pass every cookie on.</summary>
    private sealed class ProxyHop(string peer, string client, string proto) : DelegatingHandler
    {
        private readonly Dictionary<string, string> cookies = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Add(PeerHeader, peer);
            request.Headers.Add("X-Forwarded-For", client);
            request.Headers.Add("X-Forwarded-Proto", proto);
            if (cookies.Count > 0)
            {
                request.Headers.Add("Cookie", string.Join("; ", cookies.Select(c => $"{c.Key}={c.Value}")));
            }

            var response = await base.SendAsync(request, cancellationToken);
            foreach (var setCookie in response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
            {
                var pair = setCookie.Split(';')[0];
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                cookies[pair[..equals]] = pair[(equals + 1)..];
            }

            return response;
        }
    }
}

public sealed class ForwardingProxyApp() : BehindProxyApp(forwardingEnabled: true);

public sealed class NoForwardingApp() : BehindProxyApp(forwardingEnabled: false);

/// <summary>
/// ForwardedHeaders:Enabled: behind a TLS-terminating proxy the app believes X-Forwarded-Proto and X-Forwarded-For from
/// trusted proxies only (loopback, KnownProxies, KnownNetworks), and nobody's when the setting is off.
/// </summary>
public sealed class ReverseProxyTests(ForwardingProxyApp proxied, NoForwardingApp direct)
    : IClassFixture<ForwardingProxyApp>, IClassFixture<NoForwardingApp>
{
    private static async Task<(string Scheme, string Client)> SeenAsync(HttpClient client)
    {
        var response = await client.GetAsync(HealthEndpoints.LivePath);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (response.Headers.GetValues(BehindProxyApp.SeenSchemeHeader).Single(), response.Headers.GetValues(BehindProxyApp.SeenClientHeader).Single());
    }

    /// <summary>A wrong password for an account that does not exist: it spends a sign-in permit and locks nobody out.</summary>
    private static Task<HttpResponseMessage> GuessAsync(HttpClient client) =>
        client.PostFormAsync("/Account/Login", new Dictionary<string, string>
        {
            ["Input.Email"] = $"{ClinicAppFactory.UniqueName()}@nowhere.example",
            ["Input.Password"] = "a wrong guess of a password",
        });

    [Theory]
    [InlineData("127.0.0.1")] // nginx on the same machine: loopback is trusted by default
    [InlineData("192.0.2.10")] // ForwardedHeaders:KnownProxies:0
    [InlineData("10.20.30.40")] // inside ForwardedHeaders:KnownNetworks:0 (10.0.0.0/8)
    public async Task From_a_trusted_proxy_the_app_sees_https_and_the_client_address(string proxy)
    {
        Assert.Equal(("https", "203.0.113.5"), await SeenAsync(proxied.CreateClientThroughProxy("203.0.113.5", proxy)));
    }

    [Fact]
    public async Task From_an_address_that_is_not_a_known_proxy_the_forwarded_headers_are_ignored()
    {
        Assert.Equal(("http", "198.51.100.7"), await SeenAsync(proxied.CreateClientThroughProxy("203.0.113.5", peer: "198.51.100.7")));
    }

    [Fact]
    public async Task Without_the_setting_the_forwarded_headers_are_ignored_even_from_loopback()
    {
        Assert.Equal(("http", "127.0.0.1"), await SeenAsync(direct.CreateClientThroughProxy("203.0.113.5")));
    }

    [Fact]
    public async Task Only_the_address_the_proxy_added_counts_not_one_the_client_made_up()
    {
        // nginx's $proxy_add_x_forwarded_for appends the real client to whatever the client sent.
        var client = proxied.CreateClientThroughProxy("6.6.6.6, 203.0.113.8");

        Assert.Equal(("https", "203.0.113.8"), await SeenAsync(client));
    }

    [Fact]
    public async Task In_production_behind_the_proxy_sign_in_over_plain_http_sets_the_host_prefixed_secure_cookie()
    {
        var email = await proxied.CreateOwnAccountAsync(Roles.FrontDesk);
        var client = proxied.CreateClientThroughProxy("203.0.113.40");

        var form = await client.GetAsync("/Account/Login");
        var token = (await form.ReadDocumentAsync()).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var signIn = await client.PostFieldsAsync("/Account/Login",
            [new("Input.Email", email), new("Input.Password", ClinicAppFactory.Password), new("__RequestVerificationToken", token)]);

        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Contains("secure", form.SetCookie("__Host-" + SessionSecurity.AntiforgeryCookie).ToLowerInvariant(), StringComparison.Ordinal);
        Assert.Contains("secure", signIn.SetCookie("__Host-" + SessionSecurity.AuthCookie).ToLowerInvariant(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Patients")).StatusCode);
    }

    [Fact]
    public async Task In_production_without_the_setting_plain_http_gets_a_400_that_says_how_to_configure_the_proxy()
    {
        // The antiforgery cookie must be Secure; the app will not issue it on what it sees as plain HTTP.
        var client = direct.CreateClientThroughProxy("203.0.113.41");
        var form = await client.GetAsync("/Account/Login");

        Assert.Equal(HttpStatusCode.BadRequest, form.StatusCode);
        Assert.Equal(PlainHttpRefusal.Message, await form.Content.ReadAsStringAsync());
        Assert.Equal("", form.SetCookie("__Host-" + SessionSecurity.AntiforgeryCookie));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(HealthEndpoints.LivePath)).StatusCode);
    }

    [Fact]
    public async Task Two_clients_behind_the_same_proxy_have_their_own_sign_in_limits()
    {
        var noisy = proxied.CreateClientThroughProxy("203.0.113.50");
        for (var attempt = 0; attempt < 3; attempt++)
        {
            Assert.Equal(HttpStatusCode.OK, (await GuessAsync(noisy)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await GuessAsync(noisy)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GuessAsync(proxied.CreateClientThroughProxy("203.0.113.51"))).StatusCode);
    }

    [Fact]
    public async Task A_client_cannot_escape_its_limit_by_making_up_X_Forwarded_For_values()
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            Assert.Equal(HttpStatusCode.OK, (await GuessAsync(proxied.CreateClientThroughProxy($"198.51.100.{attempt}, 203.0.113.60"))).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await GuessAsync(proxied.CreateClientThroughProxy("198.51.100.99, 203.0.113.60"))).StatusCode);
    }

    [Theory]
    [InlineData("ForwardedHeaders:KnownProxies:0", "10.0.0.300", "ForwardedHeaders:KnownProxies:0 is \"10.0.0.300\", which is not an IP address")]
    [InlineData("ForwardedHeaders:KnownNetworks:0", "10.0.0.0", "ForwardedHeaders:KnownNetworks:0 is \"10.0.0.0\", which is not a network in CIDR form")]
    [InlineData("ForwardedHeaders:KnownNetworks:0", "10.0.0.1/8", "ForwardedHeaders:KnownNetworks:0 is \"10.0.0.1/8\", which is not a network in CIDR form")]
    public void A_proxy_address_that_does_not_parse_stops_the_start_with_a_message_naming_the_setting(string key, string value, string message)
    {
        using var host = new ClinicAppFactory { Settings = { ["ForwardedHeaders:Enabled"] = "true", [key] = value } };

        var error = Assert.ThrowsAny<Exception>(() => host.CreateClient());

        Assert.Contains(message, Flatten(error), StringComparison.Ordinal);
    }

    private static string Flatten(Exception error) =>
        error is AggregateException aggregate
            ? string.Join(Environment.NewLine, aggregate.InnerExceptions.Select(Flatten))
            : error.Message + (error.InnerException is null ? "" : Environment.NewLine + Flatten(error.InnerException));
}
