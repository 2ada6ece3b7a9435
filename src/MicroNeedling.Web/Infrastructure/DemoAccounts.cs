using System.Security.Cryptography;
using MicroNeedling.Clinic.ClinicSetup;
using MicroNeedling.Clinic.Data;
using MicroNeedling.Clinic.Demo;
using MicroNeedling.Clinic.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace MicroNeedling.Web.Infrastructure;

/// <summary>
/// Development only: one account per role, each with a fresh random password printed once to the console.
/// Nothing is seeded outside Development.
/// </summary>
public static class DemoAccounts
{
    public static readonly IReadOnlyList<(string Email, string Name, string Role)> Accounts =
    [
        ("clinician@demo.clinic", "Demo Clinician", Roles.Clinician),
        ("frontdesk@demo.clinic", "Demo Front Desk", Roles.FrontDesk),
        ("admin@demo.clinic", "Demo Admin", Roles.Admin),
    ];

    /// <summary>The accounts, and unless <paramref name="seedClinic"/> is false a demo-sized clinic when there are no patients yet.</summary>
    public static async Task SeedAsync(IServiceProvider services, bool seedClinic = true)
    {
        var staff = services.GetRequiredService<StaffService>();
        var users = services.GetRequiredService<UserManager<StaffUser>>();
        var created = new List<string>();
        foreach (var (email, name, role) in Accounts)
        {
            if (await users.FindByEmailAsync(email) is not null)
            {
                continue;
            }

            var password = NewPassword();
            var result = await staff.CreateAsync(new CreateStaffCommand { Email = email, DisplayName = name, Role = role, Password = password });
            if (result.Succeeded)
            {
                created.Add($"  {role,-10} {email,-24} {password}");
            }
        }

        await SeedClinicSetupAsync(services);
        var seeder = ActivatorUtilities.CreateInstance<DemoClinicSeeder>(services);
        if (seedClinic && !await seeder.HasPatientsAsync())
        {
            // The demo clinician is one of the seeded clinicians, with shift hours and a full calendar.
            var password = NewPassword();
            var summary = await seeder.SeedAsync(DemoClinicSize.Demo, password);
            created.Add($"  {"Seeded",-10} {summary.StaffEmails[0],-24} {password} (the same for {summary.StaffEmails[^1]} and the {summary.StaffEmails.Count - 2} between)");
            Console.WriteLine($"Demo clinic seeded: {summary.RowsPerTable.GetValueOrDefault("Patients"):N0} patients, "
                + $"{summary.RowsPerTable.GetValueOrDefault("Bookings"):N0} bookings in {summary.Elapsed.TotalSeconds:N1} s.");
        }

        if (created.Count > 0)
        {
            Console.WriteLine();
            Console.WriteLine("Demo accounts (Development only). These passwords are shown once; start on a new database (by default, delete App_Data/microneedling.db) to get new ones:");
            created.ForEach(Console.WriteLine);
            Console.WriteLine("The admin sets up an authenticator app at its first sign-in: admins must use two-factor sign-in.");
            Console.WriteLine();
        }
    }

    /// <summary>Two rooms and weekday hours for the demo clinician, so the calendar can be used straight away.</summary>
    private static async Task SeedClinicSetupAsync(IServiceProvider services)
    {
        var db = services.GetRequiredService<ClinicDbContext>();
        if (await db.Rooms.AnyAsync())
        {
            return;
        }

        db.Rooms.AddRange(new Room { Name = "Room 1" }, new Room { Name = "Room 2" });
        var clinician = await db.Users.SingleOrDefaultAsync(u => u.Email == Accounts[0].Email);
        if (clinician is not null && !await db.ClinicianHours.AnyAsync(h => h.ClinicianId == clinician.Id))
        {
            foreach (var day in new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday })
            {
                db.ClinicianHours.Add(new ClinicianHours { ClinicianId = clinician.Id, Day = day, Start = new TimeOnly(9, 0), End = new TimeOnly(18, 0) });
            }
        }

        await db.SaveChangesAsync();
    }

    /// <summary>A random password of 20 characters from an alphabet without look-alike characters (about 110 bits).</summary>
    public static string NewPassword()
    {
        const string alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        var chars = Enumerable.Range(0, 20).Select(_ => alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)]).ToArray();
        return $"{new string(chars, 0, 5)}-{new string(chars, 5, 5)}-{new string(chars, 10, 5)}-{new string(chars, 15, 5)}";
    }
}
