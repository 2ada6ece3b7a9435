using System.Security.Claims;
using MicroNeedling.Clinic.Common;

namespace MicroNeedling.Web.Infrastructure;

/// <summary>The signed-in user, for the who-did-it stamps of the service layer; "system" outside a request (command-line verbs).</summary>
public sealed class HttpCurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    public string UserName => accessor.HttpContext is { } context ? context.User.Identity?.Name ?? ICurrentUser.Anonymous : "system";

    public string? UserId => accessor.HttpContext?.User.FindFirstValue(ClaimTypes.NameIdentifier);

    public bool IsInRole(string role) => accessor.HttpContext?.User.IsInRole(role) ?? false;
}
