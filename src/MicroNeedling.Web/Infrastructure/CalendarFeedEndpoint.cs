using MicroNeedling.Clinic.CalendarFeeds;
using Microsoft.AspNetCore.Diagnostics;

namespace MicroNeedling.Web.Infrastructure;

/// <summary>
/// <c>GET /feeds/{token}.ics</c>: a clinician's sittings for the calendar app they subscribed with (made on
/// /Account/CalendarFeed). Calendar apps cannot sign in, so the secret token in the address is the only credential;
/// it is never logged here, and an unknown, turned-off or malformed token gets an empty 404 that tells nothing.
/// </summary>
public static class CalendarFeedEndpoint
{
    public const string ContentType = "text/calendar; charset=utf-8";

    private const string Route = "/feeds/{token}.ics";

    public static string PathOf(string token) => $"/feeds/{token}.ics";

    public static IEndpointRouteBuilder MapCalendarFeeds(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMethods(Route, [HttpMethods.Get, HttpMethods.Head], ReadAsync).AllowAnonymous();

        // PageMethods lets POST through for the pages. Left to routing, a POST here would meet the fallback policy and
        // be sent to the login page; it gets a plain 405 instead. Other methods never get past PageMethods.
        endpoints.MapPost(Route, RefusePost).AllowAnonymous();
        return endpoints;
    }

    private static IResult RefusePost(HttpContext context)
    {
        context.Features.Get<IStatusCodePagesFeature>()?.Enabled = false;
        context.Response.Headers.Allow = "GET, HEAD";
        return Results.StatusCode(StatusCodes.Status405MethodNotAllowed);
    }

    private static async Task<IResult> ReadAsync(string token, CalendarFeedService feeds, HttpContext context, CancellationToken ct)
    {
        if (await feeds.FeedAsync(token, ct) is not { } calendar)
        {
            // The status-code pages would answer with the HTML error page; a calendar app wants nothing.
            context.Features.Get<IStatusCodePagesFeature>()?.Enabled = false;
            return Results.NotFound();
        }

        // The security headers also say no-store; set here too, since the feed must never sit in a proxy's cache.
        context.Response.Headers.CacheControl = "no-store";
        return Results.Text(calendar, ContentType);
    }
}
