using System.Net;
using MicroNeedling.Clinic.Bookings;
using MicroNeedling.Clinic.Data;
using MicroNeedling.Clinic.Staff;
using MicroNeedling.Testing;
using MicroNeedling.Tests;
using MicroNeedling.Web.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MicroNeedling.Web.Tests;

/// <summary>migrate and backup, run as the operator runs them: the built app as its own process.</summary>
[Collection(RealProcesses.Name)]
public sealed class CommandLineVerbsTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "microneedling-tests", $"verbs-{Guid.NewGuid():N}");

    public CommandLineVerbsTests() => Directory.CreateDirectory(folder);

    private string PathOf(string name) => Path.Combine(folder, name);

    private static string ConnectionTo(string file) => new SqliteConnectionStringBuilder { DataSource = file }.ToString();

    [Fact]
    public async Task Migrate_applies_every_migration_to_a_new_database_lists_them_and_exits_0_then_has_nothing_to_do()
    {
        var database = PathOf("new.db");

        var first = await AppVerb.RunAsync(ConnectionTo(database), ["migrate"]);
        var second = await AppVerb.RunAsync(ConnectionTo(database), ["migrate"]);

        Assert.True(first.ExitCode == 0, first.ToString());
        await using var db = new ClinicDbContext(new DbContextOptionsBuilder<ClinicDbContext>().UseSqlite(ConnectionTo(database) + ";Pooling=False").Options);
        var migrations = db.Database.GetMigrations().ToList();
        Assert.Equal(migrations, await db.Database.GetAppliedMigrationsAsync());
        Assert.Contains($"Applied {migrations.Count} migrations:", first.Output, StringComparison.Ordinal);
        Assert.All(migrations, m => Assert.Contains(m, first.Output, StringComparison.Ordinal));
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains("The database is up to date", second.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_into_a_folder_that_does_not_exist_fails_with_exit_1_and_says_why()
    {
        var outcome = await AppVerb.RunAsync(ConnectionTo(Path.Combine(folder, "missing", "clinic.db")), ["migrate"]);

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("Migration failed: ", outcome.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", outcome.Output, StringComparison.Ordinal); // a message, not a stack trace
    }

    [OnlyOn(DatabaseProvider.Sqlite, "the backup verb copies SQLite files; PostgreSQL is backed up with pg_dump (docs/deploy.md)")]
    public async Task Restore_drill_a_backup_taken_while_the_app_serves_opens_in_a_new_host_with_the_same_patients_and_bookings()
    {
        using var running = new ClinicAppFactory();
        var frontDesk = await running.CreateOwnAccountAsync(Roles.FrontDesk);
        var plan = await running.CreateBookablePatientAsync();
        var clinician = await running.CreateClinicianAsync();
        var room = await running.CreateRoomAsync();
        await running.InsertBookingAsync(plan, 1, clinician, room, new DateTime(2026, 3, 11, 9, 0, 0, DateTimeKind.Utc), BookingStatus.Booked);
        await running.InsertBookingAsync(plan, 2, clinician, room, new DateTime(2026, 4, 8, 9, 0, 0, DateTimeKind.Utc), BookingStatus.Booked);
        var signedIn = await running.LoginAsAsync(Roles.FrontDesk);
        Assert.Equal(HttpStatusCode.OK, (await signedIn.GetAsync($"/Patients/Details/{plan.PatientId}")).StatusCode);
        var backup = PathOf("nightly.db");

        var outcome = await AppVerb.RunAsync(running.ConnectionString, ["backup", "--to", backup]);

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        Assert.Contains("PRAGMA integrity_check on the copy: ok", outcome.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(backup + "-wal"));
        Assert.True(OperatingSystem.IsWindows() || File.GetUnixFileMode(backup) == (UnixFileMode.UserRead | UnixFileMode.UserWrite));

        // Restore: the copy goes into place as the database of a new host (as after losing the server).
        var restored = PathOf("restored.db");
        File.Copy(backup, restored);
        using var restoredHost = new ClinicAppFactory { Settings = { ["ConnectionStrings:Clinic"] = ConnectionTo(restored) } };
        var anonymous = restoredHost.CreateBrowserlessClient();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(HealthEndpoints.ReadyPath)).StatusCode);

        var (patientsBefore, bookingsBefore) = await SnapshotAsync(running);
        var (patientsAfter, bookingsAfter) = await SnapshotAsync(restoredHost);
        Assert.Equal(patientsBefore, patientsAfter);
        Assert.Equal(bookingsBefore, bookingsAfter);
        Assert.Equal(2, bookingsAfter.Count(b => b.Contains($"patient {plan.PatientId} ", StringComparison.Ordinal)));
        var client = restoredHost.CreateBrowserlessClient();
        await restoredHost.SignInAsync(client, frontDesk);
        var page = await client.GetAsync($"/Patients/Details/{plan.PatientId}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var lastName = await running.GetAsync(s => s.GetRequiredService<ClinicDbContext>().Patients.Where(p => p.Id == plan.PatientId).Select(p => p.LastName).SingleAsync());
        Assert.Contains(lastName, await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Backup_never_overwrites_an_existing_file()
    {
        var database = PathOf("clinic.db");
        Assert.Equal(0, (await AppVerb.RunAsync(ConnectionTo(database), ["migrate"])).ExitCode);
        var existing = PathOf("already-there.db");
        await File.WriteAllTextAsync(existing, "last week's backup");

        var outcome = await AppVerb.RunAsync(ConnectionTo(database), ["backup", "--to", existing]);

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("already exists", outcome.Output, StringComparison.Ordinal);
        Assert.Equal("last week's backup", await File.ReadAllTextAsync(existing));
    }

    [Fact]
    public async Task Backup_of_a_database_that_does_not_exist_fails_and_creates_nothing()
    {
        var outcome = await AppVerb.RunAsync(ConnectionTo(PathOf("typo.db")), ["backup", "--to", PathOf("copy.db")]);

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("There is no database at", outcome.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(PathOf("typo.db")));
        Assert.False(File.Exists(PathOf("copy.db")));
    }

    [Fact]
    public async Task Backup_on_PostgreSQL_points_to_pg_dump_and_exits_2()
    {
        var outcome = await AppVerb.RunAsync(
            "Host=127.0.0.1;Port=5432;Database=microneedling;Username=microneedling;Password=unused",
            ["backup", "--to", PathOf("copy.db")],
            new Dictionary<string, string> { ["Database__Provider"] = "postgresql" });

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("pg_dump", outcome.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(PathOf("copy.db")));
    }

    /// <summary>Every patient and booking, one line each, in id order.</summary>
    private static Task<(List<string> Patients, List<string> Bookings)> SnapshotAsync(ClinicAppFactory host) =>
        host.GetAsync(async services =>
        {
            var db = services.GetRequiredService<ClinicDbContext>();
            var patients = await db.Patients.OrderBy(p => p.Id).Select(p => $"{p.Id} {p.FirstName} {p.LastName} {p.DateOfBirth}").ToListAsync();
            var bookings = await db.Bookings.OrderBy(b => b.Id)
                .Select(b => $"{b.Id} patient {b.PatientId} sitting {b.PlannedSittingId} {b.ClinicianId} room {b.RoomId} {b.StartUtc:O} {b.Status}")
                .ToListAsync();
            return (patients, bookings);
        });

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}
