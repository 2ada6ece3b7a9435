using System.Net;
using MicroNeedling.Clinic.Data;
using MicroNeedling.Clinic.Staff;
using MicroNeedling.Testing;
using MicroNeedling.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;

namespace MicroNeedling.Web.Tests;

/// <summary>
/// A host that does not migrate at start (Database:MigrateAtStartup=false) over an empty SQLite file: the database
/// answers, but has none of the tables yet.
/// </summary>
public sealed class UnmigratedApp : ClinicAppFactory
{
    public UnmigratedApp()
        : base(startEmpty: true)
    {
        Settings["Database:MigrateAtStartup"] = "false";
    }
}

/// <summary>A production host whose database file lies in a folder that does not exist: the database cannot be opened.</summary>
public sealed class UnreachableDatabaseApp : ClinicAppFactory
{
    public static readonly string MissingFolder = Path.Combine(Path.GetTempPath(), "microneedling-tests", $"no-such-folder-{Guid.NewGuid():N}");

    public UnreachableDatabaseApp()
    {
        EnvironmentName = "Production";
        Settings["Database:MigrateAtStartup"] = "false";
        Settings["ConnectionStrings:Clinic"] = Provider == DatabaseProvider.PostgreSQL
            ? "Host=127.0.0.1;Port=9;Database=nowhere;Username=postgres;Timeout=3" // the discard port: nothing listens
            : $"Data Source={Path.Combine(MissingFolder, "clinic.db")}";
    }
}

/// <summary>/health/live and /health/ready: anonymous, one word of body, and ready only when the database is.</summary>
[Collection(SharedApp.Name)]
public sealed class HealthEndpointsTests(ClinicAppFactory app, UnmigratedApp unmigrated, UnreachableDatabaseApp unreachable)
    : IClassFixture<UnmigratedApp>, IClassFixture<UnreachableDatabaseApp>
{
    private static async Task<(HttpStatusCode Status, string Body)> ProbeAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(HealthEndpoints.LivePath)]
    [InlineData(HealthEndpoints.ReadyPath)]
    public async Task Without_signing_in_both_answer_200_Healthy_as_plain_text_never_stored_with_the_security_headers(string path)
    {
        var response = await app.CreateBrowserlessClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        SecurityHeaderAssertions.AssertSecurityHeaders(response);
        SecurityHeaderAssertions.AssertNotStored(response);
    }

    [Fact]
    public async Task A_signed_in_admin_who_has_not_set_up_two_factor_is_not_redirected_away_from_them()
    {
        var client = app.CreateBrowserlessClient();
        await app.SignInAsync(client, await app.CreateAdminWithoutTwoFactorAsync());

        Assert.Equal((HttpStatusCode.OK, "Healthy"), await ProbeAsync(client, HealthEndpoints.ReadyPath));
        Assert.Equal((HttpStatusCode.OK, "Healthy"), await ProbeAsync(client, HealthEndpoints.LivePath));
    }

    [Fact]
    public async Task Ready_answers_503_Unhealthy_until_the_migrations_are_applied_and_live_answers_200_throughout()
    {
        var client = unmigrated.CreateBrowserlessClient();

        Assert.Equal((HttpStatusCode.ServiceUnavailable, "Unhealthy"), await ProbeAsync(client, HealthEndpoints.ReadyPath));
        Assert.Equal((HttpStatusCode.OK, "Healthy"), await ProbeAsync(client, HealthEndpoints.LivePath));

        await unmigrated.GetAsync(async services =>
        {
            await StartupMigration.MigrateAsync(services.GetRequiredService<ClinicDbContext>(), NullLogger.Instance);
            return true;
        });

        Assert.Equal((HttpStatusCode.OK, "Healthy"), await ProbeAsync(client, HealthEndpoints.ReadyPath));
    }

    [Fact]
    public async Task Ready_answers_503_with_one_word_and_no_path_or_exception_when_the_database_cannot_be_opened()
    {
        var client = unreachable.CreateBrowserlessClient();

        var ready = await client.GetAsync(HealthEndpoints.ReadyPath);
        var body = await ready.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("Unhealthy", body);
        Assert.Equal("text/plain", ready.Content.Headers.ContentType?.MediaType);
        SecurityHeaderAssertions.AssertNotStored(ready);
        Assert.Equal((HttpStatusCode.OK, "Healthy"), await ProbeAsync(client, HealthEndpoints.LivePath));
        Assert.False(Directory.Exists(UnreachableDatabaseApp.MissingFolder));
    }

    [Fact]
    public async Task The_check_names_the_reason_for_the_log_pending_migrations_or_no_database()
    {
        var emptyFile = Path.Combine(Path.GetTempPath(), "microneedling-tests", $"empty-{Guid.NewGuid():N}.db");
        File.WriteAllBytes(emptyFile, []);
        try
        {
            var pending = await CheckAsync($"Data Source={emptyFile};Pooling=False");
            var missing = await CheckAsync($"Data Source={Path.Combine(UnreachableDatabaseApp.MissingFolder, "other.db")};Pooling=False");

            Assert.Equal(HealthStatus.Unhealthy, pending.Status);
            Assert.Contains("pending migrations", pending.Description, StringComparison.Ordinal);
            Assert.Equal(HealthStatus.Unhealthy, missing.Status);
            Assert.Equal("The database cannot be reached.", missing.Description);
        }
        finally
        {
            File.Delete(emptyFile);
        }
    }

    private static async Task<HealthCheckResult> CheckAsync(string connectionString)
    {
        await using var db = new ClinicDbContext(new DbContextOptionsBuilder<ClinicDbContext>().UseSqlite(connectionString).Options);
        return await new DatabaseReadyCheck(db).CheckHealthAsync(new HealthCheckContext());
    }

    /// <summary>
    /// Every page needs a row in the access matrix; the only endpoints that are not pages are the two probes and the
    /// calendar feed (GET/HEAD, and POST refused with 405), whose secret token is its access check (CalendarFeedTests).
    /// </summary>
    [Fact]
    public void The_only_endpoints_besides_the_pages_are_the_health_probes_and_the_calendar_feed_and_all_allow_anonymous()
    {
        var others = app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is null)
            .ToList();

        Assert.Equal(
            ["/feeds/{token}.ics", "/feeds/{token}.ics", HealthEndpoints.LivePath, HealthEndpoints.ReadyPath],
            others.Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/')).Order(StringComparer.Ordinal));
        Assert.All(others, e => Assert.NotNull(e.Metadata.GetMetadata<IAllowAnonymous>()));
    }
}
