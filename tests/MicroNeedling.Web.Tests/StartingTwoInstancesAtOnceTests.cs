using MicroNeedling.Clinic.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace MicroNeedling.Web.Tests;

/// <summary>Two copies of the app started at the same moment on a database that does not exist yet.</summary>
[Collection(RealProcesses.Name)]
public sealed class StartingTwoInstancesAtOnceTests : IDisposable
{
    private readonly string databasePath = Path.Combine(Path.GetTempPath(), "microneedling-tests", $"twice-{Guid.NewGuid():N}.db");

    [Fact]
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
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm", StartupMigration.LockFileSuffix })
        {
            File.Delete(databasePath + suffix);
        }
    }
}
