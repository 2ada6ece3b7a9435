using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.Staff;

namespace MicroNeedling.Clinic.Tests.Support;

/// <summary>The person acting in a test. Tests may switch it to prove who a change is attributed to.</summary>
public sealed class TestUser : ICurrentUser
{
    public const string DefaultName = "clinician.one@tests.clinic";

    public string UserName { get; set; } = DefaultName;

    public string? UserId { get; set; } = "test-clinician-one";

    public HashSet<string> Roles { get; } = [MicroNeedling.Clinic.Staff.Roles.Clinician];

    public bool IsInRole(string role) => Roles.Contains(role);
}
