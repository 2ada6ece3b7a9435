using System.Globalization;
using MicroNeedling.Clinic.Staff;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace MicroNeedling.Web.Infrastructure;

/// <summary>
/// Runs on every request that carries the sign-in cookie (ASVS 3.3.1, 3.3.2).
/// <list type="bullet">
/// <item>A session ends 12 hours after sign-in however active it is; the sign-in time travels in the cookie.</item>
/// <item>The security stamp is checked on every request, not every 30 minutes as Identity does by default, so a cookie
/// copied before a logout, a password change or a disabled account is refused at once. Identity's own check is
/// skipped until "now - issued" exceeds the interval, which would let a replay within the interval through.
/// The cost is one user lookup per signed-in request.</item>
/// <item>The principal (name, roles) is rebuilt, as Identity would, once the validation interval has passed.</item>
/// </list>
/// <see cref="SessionStampCheck"/> answers the common case (all is well, nothing to rebuild) without it.
/// </summary>
public sealed class StaffSessionValidator(
    IOptions<SecurityStampValidatorOptions> options,
    SignInManager<StaffUser> signInManager,
    ILoggerFactory logger)
    : SecurityStampValidator<StaffUser>(options, signInManager, logger)
{
    public static readonly TimeSpan AbsoluteLifetime = TimeSpan.FromHours(12);

    private const string SignedInAtKey = "MicroNeedling.SignedInAt";

    /// <summary>Stamps the sign-in time into a new session; a refreshed sign-in (after a password change) keeps the original.</summary>
    public static void StampSignInTime(AuthenticationProperties properties, DateTimeOffset now) =>
        properties.Items.TryAdd(SignedInAtKey, now.ToString("O", CultureInfo.InvariantCulture));

    public override async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var now = TimeProvider.GetUtcNow();
        if (!WithinAbsoluteLifetime(context.Properties, now))
        {
            Logger.LogInformation("A session reached its 12-hour limit and was ended.");
            await RejectAsync(context);
            return;
        }

        var user = await VerifySecurityStamp(context.Principal);
        if (user is null)
        {
            Logger.LogInformation("A session cookie with an outdated security stamp was refused.");
            await RejectAsync(context);
            return;
        }

        if (context.Properties.IssuedUtc is not { } issued || now - issued > Options.ValidationInterval)
        {
            await SecurityStampVerified(user, context);
        }
    }

    internal static bool WithinAbsoluteLifetime(AuthenticationProperties properties, DateTimeOffset now) =>
        properties.Items.TryGetValue(SignedInAtKey, out var stamped)
        && DateTimeOffset.TryParseExact(stamped, "O", CultureInfo.InvariantCulture, DateTimeStyles.None, out var signedInAt)
        && now - signedInAt < AbsoluteLifetime;

    private async Task RejectAsync(CookieValidatePrincipalContext context)
    {
        context.RejectPrincipal();
        await SignInManager.SignOutAsync();
    }
}
