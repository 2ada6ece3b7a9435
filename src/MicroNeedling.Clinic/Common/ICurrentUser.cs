namespace MicroNeedling.Clinic.Common;

/// <summary>Who is acting. The web app reads it from the signed-in user; command-line verbs act as "system".</summary>
public interface ICurrentUser
{
    string UserName { get; }

    /// <summary>The Identity user id; null for "system" and anonymous requests.</summary>
    string? UserId { get; }

    bool IsInRole(string role);
}

public sealed class SystemUser : ICurrentUser
{
    public string UserName => "system";

    public string? UserId => null;

    public bool IsInRole(string role) => false;
}
