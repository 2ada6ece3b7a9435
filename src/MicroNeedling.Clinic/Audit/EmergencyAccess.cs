namespace MicroNeedling.Clinic.Audit;

/// <summary>
/// A clinician's "break-glass" access to a restricted patient record, with the reason they gave.
/// It opens the record to that clinician until <see cref="ExpiresAtUtc"/>, and stays on the Admin review list until reviewed.
/// </summary>
public sealed class EmergencyAccess
{
    public int Id { get; set; }

    public int PatientId { get; set; }

    /// <summary>The Identity user id of the clinician.</summary>
    public string StaffId { get; set; } = "";

    public string StaffUserName { get; set; } = "";

    public string Reason { get; set; } = "";

    public DateTime GrantedAtUtc { get; set; }

    public DateTime ExpiresAtUtc { get; set; }

    public string? ReviewedBy { get; set; }

    public DateTime? ReviewedAtUtc { get; set; }

    public string? ReviewNote { get; set; }
}
