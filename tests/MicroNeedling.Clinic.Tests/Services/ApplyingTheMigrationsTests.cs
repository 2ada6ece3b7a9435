using MicroNeedling.Clinic.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MicroNeedling.Clinic.Tests.Services;

/// <summary>The database the service tests run on is built by the committed migrations, and they match the model.</summary>
public sealed class ApplyingTheMigrationsTests : IDisposable
{
    private readonly ClinicTestHost host = new();

    public void Dispose() => host.Dispose();

    [Fact]
    public async Task Every_committed_migration_is_applied()
    {
        var (all, applied) = await host.QueryAsync(async db =>
            (db.Database.GetMigrations().ToList(), (await db.Database.GetAppliedMigrationsAsync()).ToList()));

        Assert.NotEmpty(all);
        Assert.Equal(all, applied);
    }

    [Fact]
    public async Task The_model_has_no_changes_missing_from_the_migrations() =>
        Assert.False(await host.QueryAsync(db => Task.FromResult(db.Database.HasPendingModelChanges())));

    [Fact]
    public async Task Each_host_gets_its_own_database()
    {
        await host.CreatePatientAsync();
        using var other = new ClinicTestHost();

        Assert.Equal(0, await other.QueryAsync(db => db.Patients.CountAsync()));
        Assert.Equal(1, await host.QueryAsync(db => db.Patients.CountAsync()));
    }
}
