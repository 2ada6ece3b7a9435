using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace MicroNeedling.Web.Infrastructure;

/// <summary>Configuration section "ForwardedHeaders": whether the app sits behind a reverse proxy, and which proxies it trusts.</summary>
public sealed class ForwardedHeadersSettings
{
    public const string Section = "ForwardedHeaders";

    public bool Enabled { get; set; }

    /// <summary>IP addresses of the proxies, for example "10.0.0.5". Loopback (127.0.0.1 and ::1) is always trusted.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Networks of proxies in CIDR form, for example "10.0.0.0/8".</summary>
    public string[] KnownNetworks { get; set; } = [];

    /// <summary>How many proxies in a row may add to X-Forwarded-For; 1 for one nginx in front of the app.</summary>
    public int ForwardLimit { get; set; } = 1;
}

/// <summary>
/// Behind a reverse proxy that terminates TLS, the app sees plain HTTP from the proxy's address. With
/// <c>ForwardedHeaders:Enabled</c> the app believes the proxy's X-Forwarded-Proto and X-Forwarded-For, but only when the
/// request comes from a trusted proxy, so that:
/// <list type="bullet">
/// <item>the request counts as HTTPS: the antiforgery token and the Secure, __Host- cookies are issued, HSTS is sent;</item>
/// <item>the sign-in rate limit counts per client, not one bucket for everyone behind the proxy.</item>
/// </list>
/// X-Forwarded-Host is not used: the proxy passes the original Host header itself (nginx <c>proxy_set_header Host $host</c>),
/// and the app builds no absolute URLs from it, so believing a second source of the host name would only add a way to
/// spoof it.
/// </summary>
public static class ReverseProxy
{
    public static WebApplicationBuilder AddReverseProxySupport(this WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection(ForwardedHeadersSettings.Section).Get<ForwardedHeadersSettings>() ?? new ForwardedHeadersSettings();
        if (!settings.Enabled)
        {
            return builder;
        }

        // Parsed here, while the app starts, so a typing mistake stops the start with a message instead of silently
        // trusting nobody (every client would share the proxy's address) or the wrong network.
        var proxies = settings.KnownProxies.Select((value, i) => ParseAddress(value, $"{ForwardedHeadersSettings.Section}:KnownProxies:{i}")).ToList();
        var networks = settings.KnownNetworks.Select((value, i) => ParseNetwork(value, $"{ForwardedHeadersSettings.Section}:KnownNetworks:{i}")).ToList();
        if (settings.ForwardLimit < 1)
        {
            throw new InvalidOperationException($"{ForwardedHeadersSettings.Section}:ForwardLimit is {settings.ForwardLimit}; it must be 1 or more.");
        }

        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.ForwardLimit = settings.ForwardLimit;

            // Added to ASP.NET Core's defaults (127.0.0.0/8 and ::1), which stay: a proxy on the same machine is trusted.
            foreach (var proxy in proxies)
            {
                options.KnownProxies.Add(proxy);
            }

            foreach (var network in networks)
            {
                options.KnownIPNetworks.Add(network);
            }
        });
        builder.Services.AddSingleton(new ReverseProxyMarker());
        return builder;
    }

    /// <summary>Must run first, so that everything after it (HSTS, cookies, the rate limiter, the log) sees the client's address and scheme.</summary>
    public static WebApplication UseReverseProxySupport(this WebApplication app)
    {
        if (app.Services.GetService<ReverseProxyMarker>() is not null)
        {
            app.UseForwardedHeaders();
        }

        return app;
    }

    private static IPAddress ParseAddress(string value, string key) =>
        IPAddress.TryParse(value, out var address)
            ? address
            : throw new InvalidOperationException($"{key} is \"{value}\", which is not an IP address (for example 10.0.0.5 or ::1).");

    private static System.Net.IPNetwork ParseNetwork(string value, string key) =>
        System.Net.IPNetwork.TryParse(value, out var network) && HasNoHostBits(value, network.PrefixLength)
            ? network
            : throw new InvalidOperationException(
                $"{key} is \"{value}\", which is not a network in CIDR form (for example 10.0.0.0/8; the address must have no bits set after the prefix).");

    /// <summary>
    /// "10.0.0.5/8" is refused rather than read as 10.0.0.0/8: whoever wrote it may have meant the one proxy 10.0.0.5,
    /// and trusting a whole network by mistake would let anyone in it choose their own client address.
    /// </summary>
    private static bool HasNoHostBits(string value, int prefixLength)
    {
        var bytes = IPAddress.Parse(value[..value.IndexOf('/', StringComparison.Ordinal)]).GetAddressBytes();
        for (var bit = prefixLength; bit < bytes.Length * 8; bit++)
        {
            if ((bytes[bit / 8] & (0x80 >> (bit % 8))) != 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Registered only when forwarded headers are enabled.</summary>
    private sealed class ReverseProxyMarker;
}
