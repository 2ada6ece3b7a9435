using MicroNeedling.Clinic.Data;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MicroNeedling.Web.Infrastructure;

/// <summary>
/// Probes for a load balancer or a process supervisor, answered without signing in:
/// <c>/health/live</c> (the process answers) and <c>/health/ready</c> (the database answers and is fully migrated).
/// The body is one word, "Healthy" or "Unhealthy": no exception text, no connection string, no timings. Why a check
/// failed goes to the log, which only the operator reads.
/// </summary>
public static class HealthEndpoints
{
    public const string LivePath = "/health/live";
    public const string ReadyPath = "/health/ready";

    private const string ReadyTag = "ready";

    public static IServiceCollection AddClinicHealthChecks(this IServiceCollection services)
    {
        // A database that hangs must not hang the probe: after the timeout the check counts as failed.
        services.AddHealthChecks()
            .AddCheck<DatabaseReadyCheck>("database", HealthStatus.Unhealthy, [ReadyTag], TimeSpan.FromSeconds(10));
        return services;
    }

    public static IEndpointRouteBuilder MapClinicHealthChecks(this IEndpointRouteBuilder endpoints)
    {
        // Live runs no check at all: a process whose database is down is still alive, and restarting it would not help.
        endpoints.MapHealthChecks(LivePath, Options(_ => false)).AllowAnonymous();
        endpoints.MapHealthChecks(ReadyPath, Options(check => check.Tags.Contains(ReadyTag))).AllowAnonymous();
        return endpoints;
    }

    private static HealthCheckOptions Options(Func<HealthCheckRegistration, bool> predicate) => new()
    {
        Predicate = predicate,
        ResponseWriter = WriteStatusOnlyAsync,
        ResultStatusCodes =
        {
            [HealthStatus.Healthy] = StatusCodes.Status200OK,
            [HealthStatus.Degraded] = StatusCodes.Status503ServiceUnavailable,
            [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
        },
    };

    private static Task WriteStatusOnlyAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(report.Status == HealthStatus.Healthy ? "Healthy" : "Unhealthy");
    }
}

/// <summary>
/// Ready means this instance can serve clinic pages: the database accepts a connection and every migration this build
/// knows has been applied. Until then (another instance is still migrating, or <c>Database:MigrateAtStartup</c> is false
/// and nobody has run <c>migrate</c> yet) the load balancer keeps traffic away.
/// </summary>
public sealed class DatabaseReadyCheck(ClinicDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!await db.Database.CanConnectAsync(cancellationToken))
        {
            return HealthCheckResult.Unhealthy("The database cannot be reached.");
        }

        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
        return pending == 0
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy($"The database has {pending} pending migrations; run the migrate command or start with Database:MigrateAtStartup=true.");
    }
}
