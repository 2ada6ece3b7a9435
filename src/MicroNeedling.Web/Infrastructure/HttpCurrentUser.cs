using MicroNeedling.Clinic.Common;

namespace MicroNeedling.Web.Infrastructure;

/// <summary>The signed-in user, for the who-did-it stamps of the service layer.</summary>
public sealed class HttpCurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    public string UserName => accessor.HttpContext?.User.Identity?.Name ?? "anonymous";
}
