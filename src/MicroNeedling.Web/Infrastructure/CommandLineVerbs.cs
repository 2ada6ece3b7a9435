using System.Data.Common;
using System.Globalization;
using MicroNeedling.Clinic.Data;
using MicroNeedling.Clinic.Demo;
using MicroNeedling.Clinic.Staff;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace MicroNeedling.Web.Infrastructure;

/// <summary>
/// Command-line verbs of the web app; each runs instead of the web server and sets the exit code
/// (0 done, 1 failed, 2 wrong usage or not applicable). See docs/deploy.md.
/// <list type="bullet">
/// <item><c>create-admin --email you@clinic.example [--name "Your Name"]</c>: the first admin (outside Development nothing
/// is seeded). The password is generated and printed once.</item>
/// <item><c>migrate</c>: applies the pending migrations and lists them.</item>
/// <item><c>backup --to FILE</c>: an online, consistent copy of a SQLite database, checked with
/// <c>PRAGMA integrity_check</c>, with the photo and document folder copied to FILE.media.</item>
/// <item><c>seed-demo [--size demo|small|large] [--patients N] [--years Y] [--bookable-out FILE]</c>: a realistic demo clinic
/// into an empty database (see <see cref="MicroNeedling.Clinic.Demo.DemoClinicSeeder"/>).</item>
/// </list>
/// </summary>
public static class CommandLineVerbs
{
    private const int Done = 0;
    private const int Failed = 1;
    private const int WrongUsage = 2;

    public static async Task<bool> TryRunAsync(WebApplication app, string[] args)
    {
        int? exitCode = args.FirstOrDefault() switch
        {
            "create-admin" => await CreateAdminAsync(app, args),
            "migrate" => await MigrateAsync(app),
            "backup" => await BackupAsync(app, args),
            "seed-demo" => await SeedDemoAsync(app, args),
            _ => null,
        };
        if (exitCode is null)
        {
            return false;
        }

        Environment.ExitCode = exitCode.Value;
        return true;
    }

    private static async Task<int> CreateAdminAsync(WebApplication app, string[] args)
    {
        var email = ValueOf(args, "--email");
        var name = ValueOf(args, "--name") ?? "Administrator";
        if (email is null)
        {
            Console.Error.WriteLine("Usage: create-admin --email you@clinic.example [--name \"Your Name\"]");
            return WrongUsage;
        }

        await app.PrepareDatabaseAsync();
        using var scope = app.Services.CreateScope();
        if (!await HostingExtensions.IsMigratedAsync(scope.ServiceProvider.GetRequiredService<ClinicDbContext>()))
        {
            Console.Error.WriteLine("The database is not reachable or not migrated. Run the migrate command first.");
            return Failed;
        }

        var staff = scope.ServiceProvider.GetRequiredService<StaffService>();
        var password = DemoAccounts.NewPassword();
        var result = await staff.CreateAsync(new CreateStaffCommand { Email = email, DisplayName = name, Role = Roles.Admin, Password = password });
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                Console.Error.WriteLine(error.Message);
            }

            return Failed;
        }

        Console.WriteLine($"Admin account {email} created. Its password, shown only now: {password}");
        Console.WriteLine("At the first sign-in the account sets up an authenticator app (two-factor sign-in is required for admins).");
        return Done;
    }

    /// <summary>
    /// The same migration as a start-up (the same lock, so it is safe while instances start), for deployments that set
    /// <c>Database:MigrateAtStartup=false</c> and migrate once per release.
    /// </summary>
    private static async Task<int> MigrateAsync(WebApplication app)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ClinicDbContext>();
        try
        {
            var before = (await db.Database.GetAppliedMigrationsAsync()).ToHashSet(StringComparer.Ordinal);
            await StartupMigration.MigrateAsync(db, app.Logger);
            var applied = (await db.Database.GetAppliedMigrationsAsync()).Where(m => !before.Contains(m)).ToList();
            if (applied.Count == 0)
            {
                Console.WriteLine($"The database is up to date ({before.Count} migrations applied earlier); nothing to do.");
                return Done;
            }

            Console.WriteLine($"Applied {applied.Count} migrations:");
            foreach (var migration in applied)
            {
                Console.WriteLine($"  {migration}");
            }

            return Done;
        }
        catch (Exception e) when (e is DbException or InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"Migration failed: {e.Message}");
            return Failed;
        }
    }

    private static async Task<int> BackupAsync(WebApplication app, string[] args)
    {
        if (DatabaseLocation.Of(app.Configuration, app.Environment).Provider == DatabaseProvider.PostgreSQL)
        {
            Console.Error.WriteLine("The clinic database is on PostgreSQL: back it up with pg_dump -Fc (see docs/deploy.md). "
                + "This command copies SQLite databases only.");
            return WrongUsage;
        }

        var target = ValueOf(args, "--to");
        if (string.IsNullOrWhiteSpace(target))
        {
            Console.Error.WriteLine("Usage: backup --to /path/to/new-backup-file.db");
            return WrongUsage;
        }

        try
        {
            var copy = await SqliteBackup.CopyAsync(DatabaseLocation.ConnectionString(app.Configuration, app.Environment), target);
            Console.WriteLine($"Backed up to {copy.Path} ({copy.Bytes:N0} bytes).");
            Console.WriteLine($"PRAGMA integrity_check on the copy: {copy.IntegrityCheck}");
            if (!copy.IsIntact)
            {
                return Failed;
            }

            // Photos and documents in a folder store are part of the record too: copied beside the database file.
            var media = MediaLocation.Of(app.Configuration, app.Environment);
            if (media.Kind == Clinic.Media.MediaStoreKind.Folder)
            {
                var (files, bytes) = MediaBackup.CopyFolder(media.Folder, copy.Path + ".media");
                Console.WriteLine($"Photos and documents: {files:N0} files ({bytes:N0} bytes) copied to {copy.Path}.media");
            }

            return Done;
        }
        catch (Exception e) when (e is SqliteException or InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"Backup failed: {e.Message}");
            return Failed;
        }
    }

    private static async Task<int> SeedDemoAsync(WebApplication app, string[] args)
    {
        var size = DemoClinicSize.Named(ValueOf(args, "--size") ?? "demo");
        var patients = ValueOf(args, "--patients");
        var years = ValueOf(args, "--years");
        if (size is null
            || (patients is not null && (!int.TryParse(patients, CultureInfo.InvariantCulture, out var n) || n < 1)))
        {
            Console.Error.WriteLine("Usage: seed-demo [--size demo|small|large] [--patients N] [--years Y] [--bookable-out FILE]");
            return WrongUsage;
        }

        if (patients is not null)
        {
            size = size with { Patients = int.Parse(patients, CultureInfo.InvariantCulture) };
        }

        if (years is not null)
        {
            if (!double.TryParse(years, CultureInfo.InvariantCulture, out var y) || y <= 0 || y > 20)
            {
                Console.Error.WriteLine("--years must be a number of years between 0 and 20, for example 5 or 0.5.");
                return WrongUsage;
            }

            size = size with { Years = y };
        }

        try
        {
            await app.PrepareDatabaseAsync(seedDemoData: false);
            using var scope = app.Services.CreateScope();
            var seeder = ActivatorUtilities.CreateInstance<DemoClinicSeeder>(scope.ServiceProvider);
            if (await seeder.HasPatientsAsync())
            {
                Console.Error.WriteLine("The database already has patients. Demo data is only seeded into an empty clinic: use a new database.");
                return WrongUsage;
            }

            var password = DemoAccounts.NewPassword();
            Console.WriteLine($"Seeding the {size.Name} demo clinic: up to {size.Patients:N0} patients over {size.Years:0.##} years...");
            var summary = await seeder.SeedAsync(size, password, Console.WriteLine);
            foreach (var (table, rows) in summary.RowsPerTable.OrderBy(r => r.Key, StringComparer.Ordinal))
            {
                Console.WriteLine($"  {table,-18} {rows,12:N0}");
            }

            Console.WriteLine($"Seeded in {summary.Elapsed.TotalSeconds:N1} s.");
            Console.WriteLine($"Seeded staff accounts ({string.Join(", ", summary.StaffEmails)}) share this password, shown only now: {password}");
            Console.WriteLine($"Long-history patient: {summary.LongHistoryPatientId}");
            if (ValueOf(args, "--bookable-out") is { } file)
            {
                await File.WriteAllLinesAsync(file, summary.BookableSittingIds.Select(id => id.ToString(CultureInfo.InvariantCulture)));
                Console.WriteLine($"{summary.BookableSittingIds.Count} bookable sitting ids written to {file}.");
            }

            return Done;
        }
        catch (Exception e) when (e is DbException or InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"Seeding failed: {e.Message}");
            return Failed;
        }
    }

    private static string? ValueOf(string[] args, string option)
    {
        var index = Array.IndexOf(args, option);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
