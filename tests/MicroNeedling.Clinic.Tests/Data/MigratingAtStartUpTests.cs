using MicroNeedling.Clinic.Data;
using MicroNeedling.Tests;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MicroNeedling.Clinic.Tests.Data;

/// <summary>
/// Migrations run at every start (ADR 0006). Several instances may start at once, and a start may be killed while it
/// migrates; neither may break the schema or stop the next start (ADR 0014).
/// </summary>
public sealed class MigratingAtStartUpTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    private readonly string databasePath = Path.Combine(Path.GetTempPath(), "microneedling-tests", $"migrate-{Guid.NewGuid():N}.db");
    private readonly List<ClinicDbContext> contexts = [];

    public MigratingAtStartUpTests() => Directory.CreateDirectory(Path.GetDirectoryName(databasePath)!);

    [OnlyOn(DatabaseProvider.Sqlite, "SQLite's own locking; PostgreSqlConcurrencyTests covers PostgreSQL")]
    public async Task Two_contexts_migrating_a_new_file_at_the_same_moment_both_succeed_and_apply_each_migration_once()
    {
        // EF Core's own lock (9 and later: a row in __EFMigrationsLock), without the start-up guard in front of it.
        using var go = new Barrier(2);
        var migrators = Enumerable.Range(0, 2).Select(_ => NewContext()).Select(db => Task.Run(async () =>
        {
            go.SignalAndWait(Bound);
            await db.Database.MigrateAsync();
        })).ToList();

        await Task.WhenAll(migrators).WaitAsync(Bound);

        var check = NewContext();
        Assert.Equal(check.Database.GetMigrations(), await check.Database.GetAppliedMigrationsAsync());
        Assert.Equal(0L, await ScalarAsync(check, "SELECT COUNT(*) FROM \"__EFMigrationsLock\""));
        Assert.Equal("ok", await ScalarAsync(check, "PRAGMA integrity_check"));
    }

    [OnlyOn(DatabaseProvider.Sqlite, "SQLite's own locking; PostgreSqlConcurrencyTests covers PostgreSQL")]
    public async Task A_migration_lock_left_by_a_killed_start_stops_plain_ef_core_but_not_the_guarded_start()
    {
        await StartupMigration.MigrateAsync(NewContext(), NullLogger.Instance);
        await LeaveAnAbandonedLockAsync();

        // Plain EF Core waits for the dead owner for ever; here it is stopped after two seconds.
        using (var patience = new CancellationTokenSource(TimeSpan.FromSeconds(2)))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => NewContext().Database.MigrateAsync(patience.Token));
        }

        await StartupMigration.MigrateAsync(NewContext(), NullLogger.Instance).WaitAsync(Bound);

        Assert.Equal(0L, await ScalarAsync(NewContext(), "SELECT COUNT(*) FROM \"__EFMigrationsLock\""));
    }

    [OnlyOn(DatabaseProvider.Sqlite, "SQLite's own locking; PostgreSqlConcurrencyTests covers PostgreSQL")]
    public async Task A_start_waits_while_another_instance_holds_the_migration_and_goes_on_when_it_is_done()
    {
        await StartupMigration.MigrateAsync(NewContext(), NullLogger.Instance);
        Task start;
        using (HoldTheMigration())
        {
            await LeaveAnAbandonedLockAsync(); // as a live migrator has while it works
            start = Task.Run(() => StartupMigration.MigrateAsync(NewContext(), NullLogger.Instance));
            await Task.Delay(TimeSpan.FromMilliseconds(800));

            Assert.False(start.IsCompleted);
            Assert.Equal(1L, await ScalarAsync(NewContext(), "SELECT COUNT(*) FROM \"__EFMigrationsLock\""));
        }

        await start.WaitAsync(Bound);
    }

    [OnlyOn(DatabaseProvider.Sqlite, "SQLite's own locking; PostgreSqlConcurrencyTests covers PostgreSQL")]
    public async Task A_start_that_waits_too_long_for_another_instance_fails_with_a_message_that_says_so()
    {
        using var held = HoldTheMigration();

        var refusal = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            StartupMigration.MigrateAsync(NewContext(), NullLogger.Instance, wait: TimeSpan.FromMilliseconds(300)));

        Assert.StartsWith("Another instance of the app has been migrating the database", refusal.Message);
    }

    [OnlyOn(DatabaseProvider.Sqlite, "SQLite's own locking; PostgreSqlConcurrencyTests covers PostgreSQL")]
    public async Task A_start_applies_what_the_database_lacks_and_leaves_an_up_to_date_one_to_itself()
    {
        var all = NewContext().Database.GetMigrations().ToList();
        await NewContext().GetService<IMigrator>().MigrateAsync(all[^2]);
        var migratorRuns = new List<string>();

        // One migration behind, as after an upgrade: the start applies it before it returns.
        await StartupMigration.MigrateAsync(NewContext(migratorRuns), NullLogger.Instance);
        Assert.Equal(all, await NewContext().Database.GetAppliedMigrationsAsync());
        Assert.Single(migratorRuns);

        // Up to date, the usual start: EF Core's migrator (its own lock, a transaction) is not run at all.
        await StartupMigration.MigrateAsync(NewContext(migratorRuns), NullLogger.Instance);
        Assert.Single(migratorRuns);
        Assert.Equal(all, await NewContext().Database.GetAppliedMigrationsAsync());
    }

    [OnlyOn(DatabaseProvider.Sqlite, "SQLite's own locking; PostgreSqlConcurrencyTests covers PostgreSQL")]
    public void An_in_memory_database_has_no_file_to_guard()
    {
        Assert.Null(StartupMigration.DatabaseFileOf("Data Source=:memory:"));
        Assert.Null(StartupMigration.DatabaseFileOf("Data Source=clinic;Mode=Memory;Cache=Shared"));
        Assert.Equal(Path.GetFullPath("clinic.db"), StartupMigration.DatabaseFileOf("Data Source=clinic.db"));
    }

    /// <summary>What a live migrator holds: the operating-system lock on the file beside the database.</summary>
    private FileStream HoldTheMigration() =>
        new(databasePath + StartupMigration.LockFileSuffix, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);

    /// <summary>The row EF Core inserts while it migrates; a start killed before it finished leaves it behind.</summary>
    private async Task LeaveAnAbandonedLockAsync()
    {
        var db = NewContext();
        await db.Database.ExecuteSqlRawAsync("INSERT INTO \"__EFMigrationsLock\" (\"Id\", \"Timestamp\") VALUES (1, '2026-03-10 09:00:00+00:00')");
    }

    /// <param name="migratorRuns">Receives a line each time EF Core's migrator starts on this context.</param>
    private ClinicDbContext NewContext(List<string>? migratorRuns = null)
    {
        var options = new DbContextOptionsBuilder<ClinicDbContext>().UseSqlite($"Data Source={databasePath}");
        if (migratorRuns is not null)
        {
            options.LogTo(migratorRuns.Add, [RelationalEventId.MigrateUsingConnection], LogLevel.Trace);
        }

        var db = new ClinicDbContext(options.Options);
        contexts.Add(db);
        return db;
    }

    private static async Task<object?> ScalarAsync(ClinicDbContext db, string sql)
    {
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            return await command.ExecuteScalarAsync();
        }
        finally
        {
            await connection.CloseAsync();
        }
    }

    public void Dispose()
    {
        foreach (var db in contexts)
        {
            db.Dispose();
        }

        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm", StartupMigration.LockFileSuffix })
        {
            File.Delete(databasePath + suffix);
        }
    }
}
