using System.Security.Cryptography;
using MicroNeedling.Clinic.Staff;
using Microsoft.AspNetCore.Identity;

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

    public static async Task SeedAsync(IServiceProvider services)
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

        if (created.Count > 0)
        {
            Console.WriteLine();
            Console.WriteLine("Demo accounts (Development only). These passwords are shown once; delete App_Data/microneedling.db to get new ones:");
            created.ForEach(Console.WriteLine);
            Console.WriteLine();
        }
    }

    /// <summary>A random password of 20 characters from an alphabet without look-alike characters (about 110 bits).</summary>
    public static string NewPassword()
    {
        const string alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        var chars = Enumerable.Range(0, 20).Select(_ => alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)]).ToArray();
        return $"{new string(chars, 0, 5)}-{new string(chars, 5, 5)}-{new string(chars, 10, 5)}-{new string(chars, 15, 5)}";
    }
}
