using MicroNeedling.Clinic.Data;
using MicroNeedling.Tests;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace MicroNeedling.Clinic.Tests.Scheduling;

/// <summary>
/// Booking relies on this: on SQLite, an EF Core transaction takes the database's write lock when it begins
/// (BEGIN IMMEDIATE), so a concurrent booking waits and then re-checks, instead of both passing the overlap check.
/// </summary>
public sealed class WriteLockTests : IDisposable
{
    private readonly string path = Path.Combine(Path.GetTempPath(), $"microneedling-lock-{Guid.NewGuid():N}.db");

    [OnlyOn(DatabaseProvider.Sqlite, "SQLite's own locking; PostgreSqlConcurrencyTests covers PostgreSQL")]
    public async Task A_transaction_holds_the_write_lock_from_its_first_moment()
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path }.ToString();
        await using var db = new ClinicDbContext(new DbContextOptionsBuilder<ClinicDbContext>().UseSqlite(connectionString).Options);
        await db.Database.MigrateAsync();

        await using var transaction = await db.Database.BeginTransactionAsync();

        await using var other = new SqliteConnection(connectionString);
        await other.OpenAsync();
        await using var write = other.CreateCommand();
        write.CommandText = "UPDATE ClinicSettings SET ClinicName = 'Other' WHERE Id = 1";
        write.CommandTimeout = 1;
        var error = await Assert.ThrowsAsync<SqliteException>(() => write.ExecuteNonQueryAsync());
        Assert.Equal(5, error.SqliteErrorCode); // SQLITE_BUSY: the first transaction holds the lock before it has written anything.
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        File.Delete(path);
    }
}
