using System.Net;
using MicroNeedling.Clinic.Staff;
using MicroNeedling.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace MicroNeedling.Web.Tests;

/// <summary>The login page counts wrong passwords: the fifth locks the account for 15 minutes (ASVS 2.2.1).</summary>
[Collection(SharedApp.Name)]
public sealed class SignInLockoutTests(ClinicAppFactory app)
{
    private async Task<HttpResponseMessage> TryAsync(string email, string password) =>
        await app.CreateBrowserlessClient().PostFormAsync("/Account/Login", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password });

    private async Task<string> FailAsync(int times)
    {
        var email = await app.CreateOwnAccountAsync();
        for (var attempt = 1; attempt <= times; attempt++)
        {
            Assert.Equal(HttpStatusCode.OK, (await TryAsync(email, $"wrong password number {attempt}")).StatusCode);
        }

        return email;
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_for_15_minutes_even_against_the_right_one()
    {
        var email = await FailAsync(5);

        var right = await TryAsync(email, ClinicAppFactory.Password);

        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("locked after too many attempts", (await right.ReadDocumentAsync()).ErrorSummary());

        // Identity times the lock with the system clock, not the app's TimeProvider.
        var lockoutEnd = await app.GetAsync(async sp => (await sp.GetRequiredService<UserManager<StaffUser>>().FindByEmailAsync(email))!.LockoutEnd);
        Assert.NotNull(lockoutEnd);
        Assert.InRange(lockoutEnd.Value - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15));
    }

    [Fact]
    public async Task Four_wrong_passwords_do_not_lock_the_account()
    {
        var email = await FailAsync(4);

        Assert.Equal(HttpStatusCode.Redirect, (await TryAsync(email, ClinicAppFactory.Password)).StatusCode);
    }
}
