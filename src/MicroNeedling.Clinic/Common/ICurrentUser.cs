namespace MicroNeedling.Clinic.Common;

/// <summary>
/// Who is acting. The web app reads it from the signed-in user; command-line verbs act as "system".
/// Registered as a singleton (the DbContext's interceptors hold one for the life of the process), so an implementation
/// must look the user up each time it is asked, not keep one.
/// </summary>
public interface ICurrentUser
{
    /// <summary>The name of a request nobody is signed in to.</summary>
    const string Anonymous = "anonymous";

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
