using MicroNeedling.Clinic.Data;
using MicroNeedling.Testing;
using MicroNeedling.Tests;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MicroNeedling.Web.Tests;

/// <summary>
/// Two copies of the app started at the same moment on a database that does not exist yet: a SQLite file, or a database
/// on the PostgreSQL server (which both try to create). <see cref="TwoInstancesOverOneDatabaseTests"/> goes on to use
/// two such instances.
/// </summary>
[Collection(RealProcesses.Name)]
public sealed class StartingTwoInstancesAtOnceTests : IDisposable
{
    private readonly string databasePath = Path.Combine(Path.GetTempPath(), "microneedling-tests", $"twice-{Guid.NewGuid():N}.db");
    private string? postgreSqlDatabase;

    [OnlyOn(DatabaseProvider.Sqlite, "it checks the SQLite file: EF Core's lock table, the integrity check and WAL mode")]
    public async Task Both_instances_start_and_serve_and_every_migration_is_applied_once_to_a_whole_database()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(databasePath)!);
        using var first = RealAppProcess.Start(databasePath);
        using var second = RealAppProcess.Start(databasePath);

        await Task.WhenAll(first.WaitUntilReadyAsync(), second.WaitUntilReadyAsync());

        Assert.False(first.HasExited);
        Assert.False(second.HasExited);
        var connectionString = new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString();
        await using var db = new ClinicDbContext(new DbContextOptionsBuilder<ClinicDbContext>().UseSqlite(connectionString).Options);
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        Assert.Equal(0L, await ScalarAsync(db, "SELECT COUNT(*) FROM \"__EFMigrationsLock\""));
        Assert.Equal("ok", await ScalarAsync(db, "PRAGMA integrity_check"));

        // EF Core switches a database it creates to WAL; the start-up guard must not have created the file before it.
        Assert.Equal("wal", await ScalarAsync(db, "PRAGMA journal_mode"));
    }

    [OnlyOn(DatabaseProvider.PostgreSQL, "it checks that two instances may both try to create the PostgreSQL database")]
    public async Task Both_instances_create_the_missing_postgresql_database_once_start_and_serve_and_every_migration_is_applied_once()
    {
        // A name of the kind TestDatabases makes (and drops), but not created: the instances must create it.
        postgreSqlDatabase = new NpgsqlConnectionStringBuilder(TestDatabases.Server) { Database = "mn_" + Guid.NewGuid().ToString("N") }.ToString();
        var database = new ClinicDatabase(DatabaseProvider.PostgreSQL, postgreSqlDatabase);
        using var first = RealAppProcess.Start(database);
        using var second = RealAppProcess.Start(database);

        await Task.WhenAll(first.WaitUntilReadyAsync(), second.WaitUntilReadyAsync());

        Assert.False(first.HasExited);
        Assert.False(second.HasExited);
        await using var db = new PostgreSqlClinicDbContext(new DbContextOptionsBuilder<PostgreSqlClinicDbContext>().UseNpgsql(postgreSqlDatabase).Options);
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
    }

    private static async Task<object?> ScalarAsync(ClinicDbContext db, string sql)
    {
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    public void Dispose()
    {
        if (postgreSqlDatabase is not null)
        {
            TestDatabases.DropPostgreSqlDatabase(postgreSqlDatabase);
        }

        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm", StartupMigration.LockFileSuffix })
        {
            File.Delete(databasePath + suffix);
        }
    }
}
