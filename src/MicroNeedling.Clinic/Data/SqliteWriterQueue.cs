using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace MicroNeedling.Clinic.Data;

/// <summary>
/// Lines up this process's writers to a SQLite file before they ask SQLite for its single write lock.
/// <para>Without it, a writer that finds the lock taken gets SQLITE_BUSY, and Microsoft.Data.Sqlite retries after a
/// blocking 150 ms sleep, on a thread-pool thread. Under load (16 patient-page views, each writing its audit entry) most
/// writers slept at least once: 250 ms median for a page whose work takes a few milliseconds (docs/performance.md).
/// Here they wait asynchronously, in turn, and start the moment the previous writer commits.</para>
/// <para>Only this process's writers queue here; another process on the same file (a second instance, a command-line
/// verb) still meets SQLite's lock, as before. PostgreSQL needs none of this: its advisory lock already queues.</para>
/// </summary>
internal static class SqliteWriterQueue
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Queues = new(StringComparer.Ordinal);

    /// <summary>The queue of the database file behind <paramref name="database"/>; null on PostgreSQL and for a private
    /// in-memory database, which only its own connection can write.</summary>
    public static SemaphoreSlim? Of(DatabaseFacade database)
    {
        if (!database.IsSqlite())
        {
            return null;
        }

        var source = database.GetDbConnection().DataSource;
        return string.IsNullOrEmpty(source) || source == ":memory:"
            ? null
            : Queues.GetOrAdd(Path.GetFullPath(source), _ => new SemaphoreSlim(1, 1));
    }
}

/// <summary>A write transaction that gives its place in <see cref="SqliteWriterQueue"/> back when it ends: at commit,
/// at rollback, when it is disposed unfinished (which rolls it back), or when its context is disposed.</summary>
internal sealed class QueuedWriteTransaction(IDbContextTransaction inner, SemaphoreSlim queue)
    : IDbContextTransaction, IInfrastructure<DbTransaction>
{
    private int released;

    private ClinicDbContext? context;

    /// <summary>Wraps a transaction that holds a turn, and tells its context, which gives the turn back if it is disposed first.</summary>
    public static QueuedWriteTransaction Hold(DatabaseFacade database, IDbContextTransaction transaction, SemaphoreSlim queue)
    {
        var held = new QueuedWriteTransaction(transaction, queue);
        if (((IDatabaseFacadeDependenciesAccessor)database).Context is ClinicDbContext clinic)
        {
            clinic.WriteTurn = held;
            held.context = clinic;
        }

        return held;
    }

    public void GiveBackTurn() => Release();

    public Guid TransactionId => inner.TransactionId;

    public bool SupportsSavepoints => inner.SupportsSavepoints;

    DbTransaction IInfrastructure<DbTransaction>.Instance => inner.GetDbTransaction();

    public void Commit() => End(inner.Commit);

    public Task CommitAsync(CancellationToken cancellationToken = default) => EndAsync(() => inner.CommitAsync(cancellationToken));

    public void Rollback() => End(inner.Rollback);

    public Task RollbackAsync(CancellationToken cancellationToken = default) => EndAsync(() => inner.RollbackAsync(cancellationToken));

    public void CreateSavepoint(string name) => inner.CreateSavepoint(name);

    public Task CreateSavepointAsync(string name, CancellationToken cancellationToken = default) => inner.CreateSavepointAsync(name, cancellationToken);

    public void RollbackToSavepoint(string name) => inner.RollbackToSavepoint(name);

    public Task RollbackToSavepointAsync(string name, CancellationToken cancellationToken = default) =>
        inner.RollbackToSavepointAsync(name, cancellationToken);

    public void ReleaseSavepoint(string name) => inner.ReleaseSavepoint(name);

    public Task ReleaseSavepointAsync(string name, CancellationToken cancellationToken = default) => inner.ReleaseSavepointAsync(name, cancellationToken);

    public void Dispose() => End(inner.Dispose);

    public async ValueTask DisposeAsync() => await EndAsync(() => inner.DisposeAsync().AsTask());

    private void End(Action end)
    {
        try
        {
            end();
        }
        finally
        {
            Release();
        }
    }

    private async Task EndAsync(Func<Task> end)
    {
        try
        {
            await end();
        }
        finally
        {
            Release();
        }
    }

    // Commit, then dispose: only the first end gives the place back.
    private void Release()
    {
        if (Interlocked.Exchange(ref released, 1) == 0)
        {
            if (context is not null && ReferenceEquals(context.WriteTurn, this))
            {
                context.WriteTurn = null;
            }

            queue.Release();
        }
    }
}
