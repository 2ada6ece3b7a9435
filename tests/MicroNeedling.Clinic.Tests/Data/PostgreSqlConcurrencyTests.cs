using MicroNeedling.Clinic.Bookings;
using MicroNeedling.Clinic.ClinicSetup;
using MicroNeedling.Clinic.Data;
using MicroNeedling.Clinic.Plans;
using MicroNeedling.Clinic.Staff;
using MicroNeedling.Clinic.Tests.Support;
using MicroNeedling.Testing;
using MicroNeedling.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace MicroNeedling.Clinic.Tests.Data;

/// <summary>
/// What keeps several app instances on one PostgreSQL server from getting in each other's way (ADR 0015): the start-up
/// migration's session advisory lock, the write transaction's transaction advisory lock, and the exclusion constraints
/// that refuse overlapping live bookings whoever writes them. The SQLite counterparts are
/// <see cref="MigratingAtStartUpTests"/> and <see cref="Scheduling.WriteLockTests"/>.
/// </summary>
public sealed class PostgreSqlConcurrencyTests : IDisposable
{
    private const string OnlyPostgreSql = "it tests PostgreSQL's advisory locks and exclusion constraints";

    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    /// <summary>Long enough for a waiting start or writer to have gone on, had it not been waiting.</summary>
    private static readonly TimeSpan Meanwhile = TimeSpan.FromMilliseconds(800);

    private readonly List<string> databases = [];
    private readonly List<IDisposable> disposables = [];

    [OnlyOn(DatabaseProvider.PostgreSQL, OnlyPostgreSql)]
    public async Task Two_starts_at_once_on_a_new_empty_database_both_finish_and_apply_each_migration_once()
    {
        var database = NewEmptyDatabase();
        using var go = new Barrier(2);
        var starts = Enumerable.Range(0, 2).Select(_ => NewContext(database)).Select(db => Task.Run(async () =>
        {
            go.SignalAndWait(Bound);
            await StartupMigration.MigrateAsync(db, NullLogger.Instance);
        })).ToList();

        await Task.WhenAll(starts).WaitAsync(Bound);

        var check = NewContext(database);
        Assert.Equal(check.Database.GetMigrations(), await check.Database.GetAppliedMigrationsAsync());
        await using var other = await OpenSessionAsync(database);
        Assert.True(await TryTakeMigrationLockAsync(other), "A start left the migration lock held.");
    }

    [OnlyOn(DatabaseProvider.PostgreSQL, OnlyPostgreSql)]
    public async Task A_start_waits_while_another_session_holds_the_migration_lock_and_goes_on_once_that_session_ends()
    {
        var database = NewEmptyDatabase();
        var holder = await OpenSessionAsync(database);
        await using (holder)
        {
            await TakeMigrationLockAsync(holder);
            var waiting = Task.Run(() => StartupMigration.MigrateAsync(NewContext(database), NullLogger.Instance, wait: Bound));
            await Task.Delay(Meanwhile);
            Assert.False(waiting.IsCompleted, "A start migrated while another session held the migration lock.");

            var impatient = await Assert.ThrowsAsync<InvalidOperationException>(() =>
                StartupMigration.MigrateAsync(NewContext(database), NullLogger.Instance, wait: TimeSpan.FromSeconds(1)));
            Assert.StartsWith("Another instance of the app has been migrating the database", impatient.Message);
            Assert.Empty(await NewContext(database).Database.GetAppliedMigrationsAsync());

            // The holder's connection ends, as it does when its instance dies: the server releases the lock.
            await holder.CloseAsync();
            await waiting.WaitAsync(Bound);
        }

        await StartupMigration.MigrateAsync(NewContext(database), NullLogger.Instance).WaitAsync(Bound);
        var check = NewContext(database);
        Assert.Equal(check.Database.GetMigrations(), await check.Database.GetAppliedMigrationsAsync());
    }

    [OnlyOn(DatabaseProvider.PostgreSQL, OnlyPostgreSql)]
    public async Task A_start_applies_what_the_database_lacks_and_leaves_an_up_to_date_one_to_itself()
    {
        var database = NewEmptyDatabase();
        var all = NewContext(database).Database.GetMigrations().ToList();
        await NewContext(database).GetService<IMigrator>().MigrateAsync(all[^2]);
        var migratorRuns = new List<string>();

        // One migration behind, as after an upgrade: the start applies it before it returns.
        await StartupMigration.MigrateAsync(NewContext(database, migratorRuns), NullLogger.Instance);
        Assert.Equal(all, await NewContext(database).Database.GetAppliedMigrationsAsync());
        Assert.Single(migratorRuns);

        // Up to date, the usual start: EF Core's migrator is not run at all, and the migration lock is free again.
        await StartupMigration.MigrateAsync(NewContext(database, migratorRuns), NullLogger.Instance);
        Assert.Single(migratorRuns);
        await using var other = await OpenSessionAsync(database);
        Assert.True(await TryTakeMigrationLockAsync(other), "A start left the migration lock held.");
    }

    [OnlyOn(DatabaseProvider.PostgreSQL, OnlyPostgreSql)]
    public async Task A_write_transaction_makes_another_wait_until_it_commits_and_the_second_sees_the_first_ones_write()
    {
        var database = NewMigratedDatabase();
        var first = NewContext(database);
        var second = NewContext(database);

        var firstTransaction = await first.Database.BeginWriteTransactionAsync();
        await first.Database.ExecuteSqlRawAsync("UPDATE \"ClinicSettings\" SET \"ClinicName\" = 'Written first'");
        var began = false;
        var secondWriter = Task.Run(async () =>
        {
            await using var transaction = await second.Database.BeginWriteTransactionAsync();
            Volatile.Write(ref began, true);
            var seen = await second.ClinicSettings.AsNoTracking().Select(s => s.ClinicName).SingleAsync();
            await transaction.CommitAsync();
            return seen;
        });

        await Task.Delay(Meanwhile);
        Assert.False(Volatile.Read(ref began), "A second write transaction began while the first one held the write lock.");

        await firstTransaction.CommitAsync();
        await firstTransaction.DisposeAsync();
        Assert.Equal("Written first", await secondWriter.WaitAsync(Bound));
    }

    [OnlyOn(DatabaseProvider.PostgreSQL, OnlyPostgreSql)]
    public async Task The_database_refuses_a_live_booking_overlapping_another_of_the_same_clinician_but_not_a_cancelled_one()
    {
        var host = new ClinicTestHost();
        disposables.Add(host);
        var first = await host.PlanCourseAsync(await host.CreateScreenedPatientAsync("Anna", "Smith"));
        var second = await host.PlanCourseAsync(await host.CreateScreenedPatientAsync("Bea", "Jones"));
        var (clinicianId, roomIds) = await host.QueryAsync(async db =>
        {
            var clinician = new StaffUser { UserName = "overlap@tests.clinic", NormalizedUserName = "OVERLAP@TESTS.CLINIC", DisplayName = "Dr Overlap" };
            db.Users.Add(clinician);
            var rooms = new[] { new Room { Name = "Room 1" }, new Room { Name = "Room 2" } };
            db.Rooms.AddRange(rooms);
            await db.SaveChangesAsync();
            return (clinician.Id, rooms.Select(r => r.Id).ToArray());
        });
        var start = host.UtcNow.AddDays(1);
        Booking BookingOf(CoursePlan plan, int roomId, DateTime from, BookingStatus status) => new()
        {
            PlannedSittingId = plan.Sittings.Single(s => s.Number == 1).Id,
            PatientId = plan.PatientId,
            ClinicianId = clinicianId,
            RoomId = roomId,
            StartUtc = from,
            NeedlingStartUtc = from.AddMinutes(30),
            EndUtc = from.AddMinutes(60),
            Status = status,
        };

        Task<int> WriteAsync(Booking booking) => host.QueryAsync(db =>
        {
            db.Bookings.Add(booking);
            return db.SaveChangesAsync();
        });

        await WriteAsync(BookingOf(first, roomIds[0], start, BookingStatus.Booked));

        // Past the service's overlap check: another patient, in another room, with the same clinician half an hour later.
        var refusal = await Assert.ThrowsAsync<DbUpdateException>(() => WriteAsync(BookingOf(second, roomIds[1], start.AddMinutes(30), BookingStatus.Booked)));
        Assert.True(ProviderDifferences.IsOverlapViolation(refusal), refusal.InnerException?.Message);

        await WriteAsync(BookingOf(second, roomIds[1], start.AddMinutes(30), BookingStatus.Cancelled));
        var written = await host.QueryAsync(db => db.Bookings.AsNoTracking().Where(b => b.ClinicianId == clinicianId)
            .Select(b => b.Status).OrderBy(s => s).ToListAsync());
        Assert.Equal([BookingStatus.Booked, BookingStatus.Cancelled], written);
    }

    private string NewEmptyDatabase()
    {
        var database = TestDatabases.CreateEmptyPostgreSqlDatabase();
        databases.Add(database);
        return database;
    }

    private string NewMigratedDatabase()
    {
        var database = TestDatabases.CreateMigratedPostgreSqlDatabase();
        databases.Add(database);
        return database;
    }

    /// <param name="migratorRuns">Receives a line each time EF Core's migrator starts on this context.</param>
    private PostgreSqlClinicDbContext NewContext(string database, List<string>? migratorRuns = null)
    {
        var options = new DbContextOptionsBuilder<PostgreSqlClinicDbContext>().UseNpgsql(database);
        if (migratorRuns is not null)
        {
            options.LogTo(migratorRuns.Add, [RelationalEventId.MigrateUsingConnection], LogLevel.Trace);
        }

        var db = new PostgreSqlClinicDbContext(options.Options);
        disposables.Add(db);
        return db;
    }

    /// <summary>A session of its own, as another instance has: not pooled, so closing it ends it on the server.</summary>
    private static async Task<NpgsqlConnection> OpenSessionAsync(string database)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database) { Pooling = false }.ToString());
        await connection.OpenAsync();
        return connection;
    }

    private static async Task TakeMigrationLockAsync(NpgsqlConnection session)
    {
        await using var command = new NpgsqlCommand($"SELECT pg_advisory_lock({ProviderDifferences.MigrationLockKey})", session);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<bool> TryTakeMigrationLockAsync(NpgsqlConnection session)
    {
        await using var command = new NpgsqlCommand($"SELECT pg_try_advisory_lock({ProviderDifferences.MigrationLockKey})", session);
        return (bool)(await command.ExecuteScalarAsync())!;
    }

    public void Dispose()
    {
        foreach (var disposable in disposables)
        {
            disposable.Dispose();
        }

        foreach (var database in databases)
        {
            TestDatabases.DropPostgreSqlDatabase(database);
        }
    }
}
