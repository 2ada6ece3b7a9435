using Microsoft.AspNetCore.StaticFiles;

namespace MicroNeedling.Web.Infrastructure;

/// <summary>
/// Security headers on every response, including static files, 404s and the error pages.
/// The policy allows only this site's own files: no inline scripts, no inline styles, no framing.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
        + "frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

    public const string PermissionsPolicy = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";

    private const string StaticFileMarker = "MicroNeedling.StaticFile";

    public static IServiceCollection AddSecurityHeaders(this IServiceCollection services)
    {
        // UseStaticFiles() reads its options from DI; marking the files it serves is how the header middleware
        // tells them (cacheable, no patient data) apart from everything else (never stored).
        services.Configure<StaticFileOptions>(options =>
        {
            var previous = options.OnPrepareResponse;
            options.OnPrepareResponse = context =>
            {
                context.Context.Items[StaticFileMarker] = true;
                previous?.Invoke(context);
            };
        });
        services.AddHsts(options => options.MaxAge = TimeSpan.FromDays(365));
        return services;
    }

    /// <summary>Register first, so the headers are also set on what the exception handler and status-code pages write.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            // OnStarting survives the exception handler clearing the response, and callbacks run last-registered
            // first, so these values win over the exception handler's own cache headers.
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                headers["Permissions-Policy"] = PermissionsPolicy;
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                if (!context.Items.ContainsKey(StaticFileMarker))
                {
                    // Pages show patient data; no browser or proxy cache may keep a copy.
                    headers.CacheControl = "no-store";
                    headers.Pragma = "no-cache";
                    headers.Remove("Expires");
                }

                return Task.CompletedTask;
            });
            return next(context);
        });
}
