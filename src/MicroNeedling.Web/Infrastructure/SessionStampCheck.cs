using System.Security.Claims;
using MicroNeedling.Clinic.Data;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MicroNeedling.Web.Infrastructure;

/// <summary>
/// The per-request half of <see cref="StaffSessionValidator"/>, made cheap. Most requests carry a cookie whose session
/// is within its 12 hours, whose stamp matches the account's and whose principal is less than a minute old: for those
/// this reads two columns of one row with a compiled query and is done. Anything else (an outdated or missing stamp, a
/// disabled account, an old session, a principal due to be rebuilt) goes to <see cref="StaffSessionValidator"/>, which
/// decides exactly as before. Building Identity's sign-in services and loading the whole user on every request was a
/// quarter of a small page's CPU time (docs/performance.md).
/// </summary>
public sealed class SessionStampCheck(
    IOptions<IdentityOptions> identityOptions,
    IOptions<SecurityStampValidatorOptions> stampOptions,
    TimeProvider time) : ISecurityStampValidator
{
    private sealed record AccountState(string? SecurityStamp, bool IsDisabled);

    private static readonly Func<ClinicDbContext, string, Task<AccountState?>> ReadAccountState =
        EF.CompileAsyncQuery((ClinicDbContext db, string userId) => db.Users.AsNoTracking()
            .Where(u => u.Id == userId)
            .Select(u => new AccountState(u.SecurityStamp, u.IsDisabled))
            .FirstOrDefault());

    public async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        if (!await StillValidAndFreshAsync(context))
        {
            await context.HttpContext.RequestServices.GetRequiredService<StaffSessionValidator>().ValidateAsync(context);
        }
    }

    private async Task<bool> StillValidAndFreshAsync(CookieValidatePrincipalContext context)
    {
        var now = time.GetUtcNow();
        if (context.Properties.IssuedUtc is not { } issued || now - issued > stampOptions.Value.ValidationInterval
            || !StaffSessionValidator.WithinAbsoluteLifetime(context.Properties, now))
        {
            return false;
        }

        var claims = identityOptions.Value.ClaimsIdentity;
        var userId = context.Principal?.FindFirstValue(claims.UserIdClaimType);
        var stamp = context.Principal?.FindFirstValue(claims.SecurityStampClaimType);
        if (userId is null || string.IsNullOrEmpty(stamp))
        {
            return false;
        }

        var db = context.HttpContext.RequestServices.GetRequiredService<ClinicDbContext>();
        var account = await ReadAccountState(db, userId);
        return account is { IsDisabled: false } && string.Equals(account.SecurityStamp, stamp, StringComparison.Ordinal);
    }
}
