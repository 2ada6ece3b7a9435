using MicroNeedling.Clinic.Data;
using MicroNeedling.Tests;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace MicroNeedling.Clinic.Tests.Scheduling;

/// <summary>
/// Writers of one process take turns for SQLite's write lock in <see cref="SqliteWriterQueue"/>, waiting asynchronously,
/// instead of meeting SQLITE_BUSY and Microsoft.Data.Sqlite's blocking 150 ms retry sleep.
/// </summary>
public sealed class SqliteWriterQueueTests : IDisposable
{
    // Generous: only a writer that never gets its turn (a place never given back) runs into it.
    private static readonly TimeSpan Stuck = TimeSpan.FromSeconds(20);

    private readonly string path = Path.Combine(Path.GetTempPath(), $"microneedling-queue-{Guid.NewGuid():N}.db");

    private string ConnectionString => new SqliteConnectionStringBuilder { DataSource = path }.ToString();

    private ClinicDbContext NewContext() => new(new DbContextOptionsBuilder<ClinicDbContext>().UseSqlite(ConnectionString).Options);

    [OnlyOn(DatabaseProvider.Sqlite, "SQLite's single write lock; PostgreSQL queues on its advisory lock")]
    public async Task A_second_writer_waits_for_the_first_to_commit_and_then_sees_its_write()
    {
        await using var first = NewContext();
        await first.Database.MigrateAsync();
        await using var second = NewContext();

        var firstTransaction = await first.Database.BeginWriteTransactionAsync();
        var secondBegins = second.Database.BeginWriteTransactionAsync();
        await Task.Delay(200);
        Assert.False(secondBegins.IsCompleted); // queued behind the first, not failed and not sleeping in SQLite

        await first.Database.ExecuteSqlRawAsync("UPDATE ClinicSettings SET ClinicName = 'First' WHERE Id = 1");
        await firstTransaction.CommitAsync();

        await using var secondTransaction = await secondBegins.WaitAsync(Stuck);
        var name = await second.Database.SqlQueryRaw<string>("SELECT ClinicName AS Value FROM ClinicSettings WHERE Id = 1").SingleAsync();
        Assert.Equal("First", name);
        await firstTransaction.DisposeAsync();
    }

    [OnlyOn(DatabaseProvider.Sqlite, "SQLite's single write lock; PostgreSQL queues on its advisory lock")]
    public async Task A_transaction_disposed_without_a_commit_gives_its_turn_back()
    {
        await using var first = NewContext();
        await first.Database.MigrateAsync();
        await using var second = NewContext();

        await using (await first.Database.BeginWriteTransactionAsync())
        {
            await first.Database.ExecuteSqlRawAsync("UPDATE ClinicSettings SET ClinicName = 'Rolled back' WHERE Id = 1");
        }

        await using var next = await second.Database.BeginWriteTransactionAsync().WaitAsync(Stuck);
        var name = await second.Database.SqlQueryRaw<string>("SELECT ClinicName AS Value FROM ClinicSettings WHERE Id = 1").SingleAsync();
        Assert.NotEqual("Rolled back", name);
    }

    [OnlyOn(DatabaseProvider.Sqlite, "SQLite's single write lock; PostgreSQL queues on its advisory lock")]
    public async Task A_context_disposed_with_a_transaction_nobody_ended_gives_its_turn_back()
    {
        await using (var setup = NewContext())
        {
            await setup.Database.MigrateAsync();
        }

        var abandoned = NewContext();
        await abandoned.Database.BeginWriteTransactionAsync(); // neither committed nor disposed: left to the context
        await abandoned.DisposeAsync();

        await using var next = NewContext();
        await using var transaction = await next.Database.BeginWriteTransactionAsync().WaitAsync(Stuck);
    }

    [OnlyOn(DatabaseProvider.Sqlite, "SQLite's single write lock; PostgreSQL queues on its advisory lock")]
    public async Task Fifty_writers_at_once_all_commit()
    {
        await using (var setup = NewContext())
        {
            await setup.Database.MigrateAsync();
        }

        var writers = Enumerable.Range(1, 50).Select(async i =>
        {
            await using var db = NewContext();
            await using var transaction = await db.Database.BeginWriteTransactionAsync();
            await db.Database.ExecuteSqlRawAsync("UPDATE ClinicSettings SET ClinicName = {0} WHERE Id = 1", $"Writer {i}");
            await transaction.CommitAsync();
        });

        await Task.WhenAll(writers).WaitAsync(TimeSpan.FromSeconds(60));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        File.Delete(path);
    }
}
