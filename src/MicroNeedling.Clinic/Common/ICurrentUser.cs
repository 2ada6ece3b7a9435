namespace MicroNeedling.Clinic.Common;

/// <summary>Who is acting. The web app reads it from the signed-in user; command-line verbs act as "system".</summary>
public interface ICurrentUser
{
    string UserName { get; }
}

public sealed class SystemUser : ICurrentUser
{
    public string UserName => "system";
}
