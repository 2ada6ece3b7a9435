using MicroNeedling.Clinic.Data;
using Microsoft.EntityFrameworkCore;

namespace MicroNeedling.Web.Infrastructure;

/// <summary>
/// Opens the request's database connection once, before sign-in is checked, and leaves it open until the request's
/// DbContext is disposed. Left to itself EF Core opens and closes the connection around every query; a page runs ten
/// or more (the session check, the layout's settings, the page's own), and on SQLite each open and close cost about a
/// seventh of a calendar page's time (docs/performance.md). The pool still hands the connection back after the request.
/// </summary>
public static class DatabaseConnectionPerRequest
{
    public static IApplicationBuilder UseOneDatabaseConnectionPerRequest(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            // The liveness probe must answer without the database; readiness opens its own check.
            if (context.GetEndpoint() is not null && !context.Request.Path.StartsWithSegments("/health"))
            {
                await context.RequestServices.GetRequiredService<ClinicDbContext>().Database.OpenConnectionAsync(context.RequestAborted);
            }

            await next(context);
        });
}
