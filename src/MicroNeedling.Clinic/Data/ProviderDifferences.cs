using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace MicroNeedling.Clinic.Data;

/// <summary>
/// Everything that differs between SQLite and PostgreSQL, in one place (ADR 0015). Services never ask which engine
/// they run on; they call these.
/// </summary>
/// <remarks>
/// <para><b>Concurrency.</b> A service that checks the calendar and then writes must not interleave with another writer.
/// On SQLite an EF Core transaction is <c>BEGIN IMMEDIATE</c>: it takes the database's single write lock when it
/// begins. PostgreSQL lets writers run side by side under READ COMMITTED, so a write transaction there first takes one
/// transaction-scoped advisory lock, which gives the same "one writer at a time, each sees the last one's commit"
/// behaviour across every app instance on the server. The lock is released at commit or rollback, and by the server if
/// the instance dies. On PostgreSQL an exclusion constraint on live bookings backs this up (see the migration).</para>
/// <para><b>Case-insensitive search.</b> Neither engine's own folding is used: SQLite's folds only A–Z, PostgreSQL's
/// depends on the collation. Patients carry upper-cased name columns written by the app (<see cref="Patients.Patient.Normalize"/>), and search
/// matches a prefix of those as a range of strings (<see cref="Common.PrefixRange"/>), an index seek that means the same
/// on both because the columns compare in code-point order (SQLite's BINARY, the "C" collation on PostgreSQL).</para>
/// <para><b>Dates and times.</b> Instants are UTC <see cref="DateTime"/>s: TEXT on SQLite, <c>timestamp with time
/// zone</c> on PostgreSQL, which keeps microseconds. So instants are stored to the microsecond on both
/// (<see cref="UtcDateTimeConverter"/>), and what was hashed or compared in memory is what comes back. Calendar dates
/// and clock times are <see cref="DateOnly"/> and <see cref="TimeOnly"/>: TEXT on SQLite, <c>date</c> and <c>time</c>
/// on PostgreSQL.</para>
/// </remarks>
public static class ProviderDifferences
{
    // Advisory lock keys are one bigint space per database; these two are the app's.
    private const long WriteLockKey = 0x4D4E_5752_4954_4531; // "MNWRITE1"
    internal const long MigrationLockKey = 0x4D4E_4D49_4752_4131; // "MNMIGRA1"

    /// <summary>Points EF Core at the clinic's database.</summary>
    /// <remarks>
    /// The app runs on the compiled model (Data/CompiledModels, ADR 0016). Left on, EF Core's check that no model change
    /// lacks a migration would build the whole model from the configurations again on every start, inside Migrate, and
    /// undo what the compiled model saves (about a third of a cold start). That check is made where it belongs, before
    /// the code ships: MigrationSetsTests (a migration in both sets) and CompiledModelTests (the compiled model is
    /// current).
    /// </remarks>
    public static DbContextOptionsBuilder UseClinicDatabase(this DbContextOptionsBuilder options, ClinicDatabase database) =>
        (database.Provider switch
        {
            DatabaseProvider.PostgreSQL => options.UseNpgsql(database.ConnectionString),
            _ => options.UseSqlite(database.ConnectionString),
        }).ConfigureWarnings(warnings => warnings.Ignore(RelationalEventId.PendingModelChangesWarning));

    /// <summary>The context type whose migrations fit the provider (ADR 0015: one migration set per provider).</summary>
    public static Type ContextTypeFor(DatabaseProvider provider) =>
        provider == DatabaseProvider.PostgreSQL ? typeof(PostgreSqlClinicDbContext) : typeof(ClinicDbContext);

    /// <summary>
    /// Begins a transaction that holds the clinic's write lock from its first moment, so that what it reads before it
    /// writes cannot be changed by another writer meanwhile.
    /// </summary>
    public static async Task<IDbContextTransaction> BeginWriteTransactionAsync(this DatabaseFacade database, CancellationToken ct = default)
    {
        var queue = SqliteWriterQueue.Of(database);
        if (queue is not null)
        {
            await queue.WaitAsync(ct);
        }

        try
        {
            var transaction = await database.BeginTransactionAsync(ct);
            await TakeWriteLockAsync(database, sync: false, ct);
            return queue is null ? transaction : QueuedWriteTransaction.Hold(database, transaction, queue);
        }
        catch
        {
            queue?.Release();
            throw;
        }
    }

    /// <inheritdoc cref="BeginWriteTransactionAsync"/>
    public static IDbContextTransaction BeginWriteTransaction(this DatabaseFacade database)
    {
        var queue = SqliteWriterQueue.Of(database);
        queue?.Wait();
        try
        {
            var transaction = database.BeginTransaction();
            TakeWriteLock(database);
            return queue is null ? transaction : QueuedWriteTransaction.Hold(database, transaction, queue);
        }
        catch
        {
            queue?.Release();
            throw;
        }
    }

    /// <summary>
    /// Takes the write lock inside the current transaction, when the engine needs it taken explicitly. Taking it twice
    /// in one transaction is harmless, so a step that must be serialised (the audit chain) can make sure of it.
    /// Completes synchronously when <paramref name="sync"/>.
    /// </summary>
    public static async ValueTask TakeWriteLockAsync(DatabaseFacade database, bool sync, CancellationToken ct)
    {
        if (sync)
        {
            TakeWriteLock(database);
        }
        else if (WriteLockSql(database) is { } sql)
        {
            await database.ExecuteSqlRawAsync(sql, ct);
        }
    }

    private static void TakeWriteLock(DatabaseFacade database)
    {
        if (WriteLockSql(database) is { } sql)
        {
            database.ExecuteSqlRaw(sql);
        }
    }

    // SQLite needs nothing: the transaction took the write lock when it began (BEGIN IMMEDIATE).
    private static string? WriteLockSql(DatabaseFacade database) =>
        database.IsNpgsql() ? FormattableString.Invariant($"SELECT pg_advisory_xact_lock({WriteLockKey})") : null;

    /// <summary>True when a save failed because a unique index refused a second row: a double submit or a race, not a fault.</summary>
    public static bool IsUniqueViolation(DbUpdateException exception) => exception.InnerException switch
    {
        // SQLITE_CONSTRAINT_UNIQUE and SQLITE_CONSTRAINT_PRIMARYKEY: https://www.sqlite.org/rescode.html
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode is 2067 or 1555,
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };

    /// <summary>True when PostgreSQL's exclusion constraint refused a live booking that overlaps another.</summary>
    public static bool IsOverlapViolation(DbUpdateException exception) =>
        exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.ExclusionViolation };
}
