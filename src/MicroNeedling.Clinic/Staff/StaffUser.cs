using Microsoft.AspNetCore.Identity;

namespace MicroNeedling.Clinic.Staff;

/// <summary>A member of staff who can sign in. Accounts are created by an Admin; there is no self-registration.</summary>
public sealed class StaffUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    /// <summary>A disabled account cannot sign in, and its open sessions end at the next security-stamp check.</summary>
    public bool IsDisabled { get; set; }
}

public static class Roles
{
    public const string Clinician = "Clinician";
    public const string FrontDesk = "FrontDesk";
    public const string Admin = "Admin";

    public static readonly IReadOnlyList<string> All = [Clinician, FrontDesk, Admin];

    /// <summary>The fixed id the migration gives each role, so queries can join on it without a lookup.</summary>
    public static string IdOf(string role) => $"role-{role.ToLowerInvariant()}";
}
