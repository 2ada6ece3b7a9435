namespace MicroNeedling.Web.Infrastructure;

/// <summary>
/// Outside Development and Testing the app only serves HTTPS: its cookies are Secure and __Host- prefixed, and
/// ASP.NET Core's antiforgery throws on any form rendered over plain HTTP. So a plain-HTTP request (typically a
/// reverse proxy whose X-Forwarded-Proto the app was not told to trust) gets a 400 that says what to fix, instead of
/// a generic error page. The health probes stay reachable, because load balancers often poll over plain HTTP.
/// </summary>
public static partial class PlainHttpRefusal
{
    public const string Message =
        "MicroNeedling only serves HTTPS. Behind a reverse proxy that ends TLS, set ForwardedHeaders__Enabled=true "
        + "and list the proxy in ForwardedHeaders__KnownProxies (see docs/deploy.md).";

    public static WebApplication UsePlainHttpRefusal(this WebApplication app)
    {
        if (!SessionSecurity.UsesHostPrefixedCookies(app.Environment))
        {
            return app;
        }

        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(PlainHttpRefusal));
        app.Use(async (context, next) =>
        {
            if (context.Request.IsHttps || context.Request.Path.StartsWithSegments("/health"))
            {
                await next(context);
                return;
            }

            LogRefused(logger);
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync(Message, context.RequestAborted);
        });
        return app;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A plain-HTTP request was refused: the app serves HTTPS only (is the proxy's X-Forwarded-Proto trusted?).")]
    private static partial void LogRefused(ILogger logger);
}
