using MicroNeedling.Clinic.Staff;

namespace MicroNeedling.Web.Infrastructure;

/// <summary>
/// Command-line verbs of the web app. Outside Development nothing is seeded, so the first admin comes from:
/// <c>dotnet run --project src/MicroNeedling.Web -- create-admin --email you@clinic.example --name "Your Name"</c>.
/// The password is generated and printed once.
/// </summary>
public static class AdminCommands
{
    public static async Task<bool> TryRunAsync(WebApplication app, string[] args)
    {
        if (args.Length == 0 || args[0] != "create-admin")
        {
            return false;
        }

        var email = ValueOf(args, "--email");
        var name = ValueOf(args, "--name") ?? "Administrator";
        if (email is null)
        {
            Console.Error.WriteLine("Usage: create-admin --email you@clinic.example [--name \"Your Name\"]");
            Environment.ExitCode = 2;
            return true;
        }

        await app.PrepareDatabaseAsync();
        using var scope = app.Services.CreateScope();
        var staff = scope.ServiceProvider.GetRequiredService<StaffService>();
        var password = DemoAccounts.NewPassword();
        var result = await staff.CreateAsync(new CreateStaffCommand { Email = email, DisplayName = name, Role = Roles.Admin, Password = password });
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                Console.Error.WriteLine(error.Message);
            }

            Environment.ExitCode = 1;
            return true;
        }

        Console.WriteLine($"Admin account {email} created. Its password, shown only now: {password}");
        Console.WriteLine("At the first sign-in the account sets up an authenticator app (two-factor sign-in is required for admins).");
        return true;
    }

    private static string? ValueOf(string[] args, string option)
    {
        var index = Array.IndexOf(args, option);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
