using System.Globalization;
using System.Threading.RateLimiting;
using MicroNeedling.Clinic.Staff;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace MicroNeedling.Web.Infrastructure;

/// <summary>How many sign-in attempts one client address may post per window (configuration section "LoginThrottle").</summary>
public sealed class LoginThrottleOptions
{
    public int PermitLimit { get; set; } = 20;

    public int WindowSeconds { get; set; } = 60;
}

/// <summary>
/// Passwords, sessions, cookies, sign-in throttling and the data-protection key ring (ASVS V2 and V3).
/// Identity's own options (length 12, lockout 5 x 15 minutes) stay in <see cref="HostingExtensions"/>.
/// </summary>
public static class SessionSecurity
{
    public const string AuthCookie = "MicroNeedling.Auth";
    public const string AntiforgeryCookie = "MicroNeedling.Antiforgery";
    public const string TempDataCookie = "MicroNeedling.Flash";

    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Outside Development and Testing every cookie carries the __Host- prefix, so the browser only accepts it over
    /// HTTPS, for this exact host and path "/": no subdomain or plain-HTTP page can plant or overwrite it (ASVS 3.4.4).
    /// </summary>
    public static bool UsesHostPrefixedCookies(IHostEnvironment environment) =>
        !environment.IsDevelopment() && !environment.IsEnvironment("Testing");

    public static WebApplicationBuilder AddSessionSecurity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var hostPrefixed = UsesHostPrefixedCookies(builder.Environment);

        services.AddScoped<IPasswordValidator<StaffUser>, CommonPasswordValidator>();

        // The stamp is checked on every request (SessionStampCheck, falling back to StaffSessionValidator); this
        // interval only paces the rebuild of the principal's name and roles.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        services.AddSingleton<ISecurityStampValidator, SessionStampCheck>();
        services.AddScoped<StaffSessionValidator>();

        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = AuthCookie;

            // HIPAA automatic logoff: 30 idle minutes end the session; StaffSessionValidator ends any session at 12 hours.
            options.SlidingExpiration = true;
            options.ExpireTimeSpan = IdleTimeout;
            options.Events.OnSigningIn = context =>
            {
                StaffSessionValidator.StampSignInTime(context.Properties, context.Options.TimeProvider!.GetUtcNow());
                return Task.CompletedTask;
            };
        });

        // Runs after the cookie handler's own post-configuration, which creates the ticket format this wraps.
        services.AddSingleton<IPostConfigureOptions<CookieAuthenticationOptions>>(provider => new PostConfigureOptions<CookieAuthenticationOptions>(
            IdentityConstants.ApplicationScheme,
            options => options.TicketDataFormat = new RecentTicketCache(options.TicketDataFormat, provider.GetRequiredService<TimeProvider>())));

        // Every Identity cookie (the sign-in cookie and the two-factor ones), hardened the same way.
        services.PostConfigureAll<CookieAuthenticationOptions>(options =>
        {
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.Path = "/";
            options.Cookie.SecurePolicy = hostPrefixed ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            if (hostPrefixed && options.Cookie.Name is { } name && !name.StartsWith("__Host-", StringComparison.Ordinal))
            {
                options.Cookie.Name = "__Host-" + name;
            }
        });

        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = hostPrefixed ? "__Host-" + AntiforgeryCookie : AntiforgeryCookie;
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.Path = "/";
            options.Cookie.SecurePolicy = hostPrefixed ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        });

        // The flash messages (which can name a patient) travel in the TempData cookie: hardened like the others.
        services.Configure<Microsoft.AspNetCore.Mvc.CookieTempDataProviderOptions>(options =>
        {
            options.Cookie.Name = hostPrefixed ? "__Host-" + TempDataCookie : TempDataCookie;
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.Path = "/";
            options.Cookie.SecurePolicy = hostPrefixed ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        });

        // No "Server: Kestrel": the server's name and version help nobody but a scanner.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);

        // Keys live in the clinic database, so a restart or a second instance still reads every cookie and form token.
        services.AddDataProtection().SetApplicationName("MicroNeedling");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(provider => new ConfigureOptions<KeyManagementOptions>(
            options => options.XmlRepository = new DatabaseXmlRepository(provider.GetRequiredService<IServiceScopeFactory>())));

        AddLoginThrottling(services, builder.Configuration.GetSection("LoginThrottle").Get<LoginThrottleOptions>() ?? new LoginThrottleOptions());
        return builder;
    }

    /// <summary>
    /// A fixed window of sign-in posts per client address, on top of the per-account lockout: it slows one address trying
    /// many accounts. The counters live in this process, so each instance behind a load balancer counts on its own, and
    /// behind a reverse proxy the forwarded-headers middleware must run first or every client shares the proxy's address.
    /// </summary>
    private static void AddLoginThrottling(IServiceCollection services, LoginThrottleOptions throttle)
    {
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http => IsSignInPost(http.Request)
                ? RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = throttle.PermitLimit,
                    Window = TimeSpan.FromSeconds(throttle.WindowSeconds),
                    QueueLimit = 0,
                })
                : RateLimitPartition.GetNoLimiter(""));

            // No body here: the status-code page (/Error/429) explains it in words.
            limiter.OnRejected = (context, _) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    context.HttpContext.Response.Headers.RetryAfter = Math.Ceiling(retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                }

                return ValueTask.CompletedTask;
            };
        });
    }

    /// <summary>
    /// The password form, any later sign-in step under /Account/Login (a second factor, for example), and the change of
    /// password, whose "current password" is a password guess like any other.
    /// </summary>
    private static bool IsSignInPost(HttpRequest request) =>
        HttpMethods.IsPost(request.Method)
        && (request.Path.Value?.StartsWith("/Account/Login", StringComparison.OrdinalIgnoreCase) == true
            || request.Path.Value?.StartsWith("/Account/ChangePassword", StringComparison.OrdinalIgnoreCase) == true);
}
