using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace MicroNeedling.Clinic.Data;

/// <summary>
/// Applies the migrations when the app starts, safely when several instances start at once and after a start-up that was
/// killed half-way (see ADR 0014).
/// </summary>
/// <remarks>
/// EF Core (9 and later) serialises concurrent migrators itself: on SQLite each one inserts a row into
/// <c>__EFMigrationsLock</c> and deletes it when done. Nothing removes that row when its owner dies, so a start-up killed
/// while it held the lock (kill -9, the OOM killer, a power cut) would leave every later start waiting for it forever.
/// So each start first takes an operating-system lock on a file beside the database. The operating system releases it
/// when its process dies, however it dies. Whoever holds it is the only live migrator of this app; any row still in
/// <c>__EFMigrationsLock</c> then belongs to a dead one and is removed. (<c>dotnet ef database update</c> does not take
/// the file lock: do not run it against the database of a running app.)
/// <para>On PostgreSQL the same role is played by a session advisory lock on a connection of its own: the server
/// releases it when that connection ends, however the instance ends, so several instances starting at once migrate
/// one after another and a killed one blocks nobody.</para>
/// </remarks>
public static class StartupMigration
{
    /// <summary>The file beside the database whose lock marks the live migrator.</summary>
    public const string LockFileSuffix = ".migration-lock";

    /// <summary>How long a start waits for another instance's migration before it gives up with a clear message.</summary>
    public static readonly TimeSpan DefaultWait = TimeSpan.FromMinutes(2);

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    public static async Task MigrateAsync(ClinicDbContext db, ILogger logger, TimeSpan? wait = null, CancellationToken ct = default)
    {
        if (db.Database.IsNpgsql())
        {
            await MigratePostgreSqlAsync(db, logger, wait ?? DefaultWait, ct);
            return;
        }

        var databaseFile = DatabaseFileOf(db.Database.GetConnectionString());
        if (databaseFile is null)
        {
            // An in-memory database belongs to one process; there is no one to race with.
            await db.Database.MigrateAsync(ct);
            return;
        }

        await using var migrator = await AcquireAsync(databaseFile + LockFileSuffix, wait ?? DefaultWait, logger, ct);

        // Only look inside a file that exists: opening a missing one creates it empty, and EF Core then skips the step of
        // creating a new database that switches it to WAL mode.
        if (!File.Exists(databaseFile))
        {
            await db.Database.MigrateAsync(ct);
            return;
        }

        if (await RemoveAbandonedLockAsync(db, ct) > 0)
        {
            logger.LogWarning("Removed a migration lock left behind by an earlier start that was stopped while it migrated.");
        }

        await MigrateIfBehindAsync(db, ct);
    }

    private static async Task MigratePostgreSqlAsync(ClinicDbContext db, ILogger logger, TimeSpan wait, CancellationToken ct)
    {
        await CreatePostgreSqlDatabaseIfMissingAsync(db, ct);

        // Not pooled: the lock belongs to this session, and the session must end with the migration.
        var connectionString = new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString()) { Pooling = false }.ToString();
        await using var lockConnection = new NpgsqlConnection(connectionString);
        await lockConnection.OpenAsync(ct);
        var waited = Stopwatch.StartNew();
        var told = false;
        while (!await TryAdvisoryLockAsync(lockConnection, ct))
        {
            if (waited.Elapsed >= wait)
            {
                throw new InvalidOperationException(
                    $"Another instance of the app has been migrating the database for more than {wait.TotalSeconds:0} seconds "
                    + "(it holds the migration advisory lock). Stop it, or wait for it to finish, then start again.");
            }

            if (!told)
            {
                logger.LogInformation("Another instance is migrating the database; waiting for it to finish.");
                told = true;
            }

            await Task.Delay(PollInterval, ct);
        }

        // Closing the connection releases the lock, also when MigrateAsync throws.
        await MigrateIfBehindAsync(db, ct);
    }

    /// <summary>
    /// Runs EF Core's migrator only when the database lacks a migration this build has. On the usual start nothing is
    /// pending, and the migrator would still take its own lock (on SQLite a row written to and deleted from
    /// <c>__EFMigrationsLock</c>), open a transaction and read the history again: about 70 ms of a 1.8 s cold start
    /// (ADR 0016). The caller holds this app's migration lock, so no other instance can apply a migration between this
    /// check and the return; and a history that lists every migration was committed by its migrator.
    /// </summary>
    private static async Task MigrateIfBehindAsync(ClinicDbContext db, CancellationToken ct)
    {
        if ((await db.Database.GetPendingMigrationsAsync(ct)).Any())
        {
            await db.Database.MigrateAsync(ct);
        }
    }

    private static async Task<bool> TryAdvisoryLockAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"SELECT pg_try_advisory_lock({ProviderDifferences.MigrationLockKey})", connection);
        return (bool)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>
    /// A new install may point at a database that does not exist yet. Two instances may both try to create it; the
    /// loser finds it there, which is what it wanted.
    /// </summary>
    private static async Task CreatePostgreSqlDatabaseIfMissingAsync(ClinicDbContext db, CancellationToken ct)
    {
        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (await creator.ExistsAsync(ct))
        {
            return;
        }

        try
        {
            await creator.CreateAsync(ct);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
        {
            // Created by another instance meanwhile.
        }
    }

    /// <summary>The full path of the SQLite file, or null for an in-memory database.</summary>
    public static string? DatabaseFileOf(string? connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        var dataSource = builder.DataSource;
        if (builder.Mode == SqliteOpenMode.Memory || string.IsNullOrWhiteSpace(dataSource)
            || dataSource == ":memory:" || dataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return Path.GetFullPath(dataSource);
    }

    private static async Task<FileStream> AcquireAsync(string lockFile, TimeSpan wait, ILogger logger, CancellationToken ct)
    {
        var waited = Stopwatch.StartNew();
        var told = false;
        while (true)
        {
            try
            {
                // FileShare.None is an exclusive flock() on Linux and macOS and a sharing lock on Windows: either way the
                // operating system drops it with the process.
                return new FileStream(lockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException e) when (e is not FileNotFoundException and not DirectoryNotFoundException and not PathTooLongException)
            {
                if (waited.Elapsed >= wait)
                {
                    throw new InvalidOperationException(
                        $"Another instance of the app has been migrating the database for more than {wait.TotalSeconds:0} seconds "
                        + $"(it holds {lockFile}). Stop it, or wait for it to finish, then start again.", e);
                }

                if (!told)
                {
                    logger.LogInformation("Another instance is migrating the database; waiting for it to finish.");
                    told = true;
                }

                await Task.Delay(PollInterval, ct);
            }
        }
    }

    private static async Task<int> RemoveAbandonedLockAsync(ClinicDbContext db, CancellationToken ct)
    {
        var lockTableExists = await db.Database
            .SqlQueryRaw<long>("SELECT COUNT(*) AS \"Value\" FROM \"sqlite_master\" WHERE \"type\" = 'table' AND \"name\" = '__EFMigrationsLock'")
            .SingleAsync(ct) > 0;
        return lockTableExists ? await db.Database.ExecuteSqlRawAsync("DELETE FROM \"__EFMigrationsLock\"", ct) : 0;
    }
}
