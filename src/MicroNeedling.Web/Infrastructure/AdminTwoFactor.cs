using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Identity;

namespace MicroNeedling.Web.Infrastructure;

/// <summary>
/// Admin accounts must sign in with an authenticator app (ASVS 4.3.1). The Admin policy carries
/// <see cref="TwoFactorSignInRequirement"/>: the session must have been started with a second factor
/// (Identity's <c>amr=mfa</c> claim). An admin who lacks it is sent to the enrolment page instead of a 403.
/// </summary>
public static class AdminTwoFactor
{
    /// <summary>The claim Identity adds when a sign-in passed a second factor (RFC 8176 "amr").</summary>
    public const string AuthenticationMethodClaim = "amr";

    public const string MultiFactor = "mfa";

    public const string SetupPage = "/Account/TwoFactor/Setup";

    public static IServiceCollection AddAdminTwoFactor(this IServiceCollection services)
    {
        services.AddSingleton<IAuthorizationHandler, TwoFactorSignInHandler>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, TwoFactorEnrolmentRedirect>();

        // The security-stamp check rebuilds the principal from the database every minute and would drop "amr",
        // which would lock a two-factor admin out of /Admin a minute after signing in. Carry it over.
        services.Configure<SecurityStampValidatorOptions>(options => options.OnRefreshingPrincipal = context =>
        {
            if (context.NewPrincipal?.Identity is ClaimsIdentity fresh && context.CurrentPrincipal is { } current)
            {
                foreach (var claim in current.FindAll(AuthenticationMethodClaim))
                {
                    fresh.AddClaim(new Claim(claim.Type, claim.Value));
                }
            }

            return Task.CompletedTask;
        });
        return services;
    }

    public static bool SignedInWithSecondFactor(this ClaimsPrincipal user) =>
        user.HasClaim(AuthenticationMethodClaim, MultiFactor);

    /// <summary>Shows the shared key in groups of four, as authenticator apps print it.</summary>
    public static string FormatKey(string key) =>
        string.Join(' ', key.ToLowerInvariant().Chunk(4).Select(group => new string(group)));

    /// <summary>Codes are typed with spaces or hyphens by some apps; only the digits and letters count.</summary>
    public static string NormalizeCode(string? code) =>
        new((code ?? "").Where(char.IsLetterOrDigit).ToArray());
}

/// <summary>The session was started with a second factor.</summary>
public sealed class TwoFactorSignInRequirement : IAuthorizationRequirement;

public sealed class TwoFactorSignInHandler : AuthorizationHandler<TwoFactorSignInRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, TwoFactorSignInRequirement requirement)
    {
        if (context.User.SignedInWithSecondFactor())
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}

/// <summary>
/// When the only thing an admin lacks is the second factor, the answer is "set it up now" (a redirect to the
/// enrolment page), not "forbidden". Everyone else gets the default 302-to-login or 403.
/// </summary>
public sealed class TwoFactorEnrolmentRedirect : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler standard = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        var failed = authorizeResult.AuthorizationFailure?.FailedRequirements.ToList();
        if (authorizeResult.Forbidden && failed is { Count: > 0 } && failed.All(r => r is TwoFactorSignInRequirement))
        {
            var returnUrl = context.Request.PathBase + context.Request.Path + context.Request.QueryString;
            context.Response.Redirect($"{AdminTwoFactor.SetupPage}?ReturnUrl={Uri.EscapeDataString(returnUrl)}");
            return Task.CompletedTask;
        }

        return standard.HandleAsync(next, context, policy, authorizeResult);
    }
}
