namespace MicroNeedling.Clinic.Audit;

/// <summary>
/// One line of the append-only audit trail: who did what to which record, and when.
/// It names entities, ids and changed fields only, never their values, so the trail itself holds no health information.
/// Each entry carries the hash of the one before it, so an edited or removed row breaks the chain.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    public DateTime AtUtc { get; set; }

    public string UserName { get; set; } = "";

    /// <summary>One of <see cref="AuditActions"/>.</summary>
    public string Action { get; set; } = "";

    public string EntityType { get; set; } = "";

    public string EntityId { get; set; } = "";

    /// <summary>The patient the record belongs to, when it belongs to one; this is what the Admin filter by patient uses.</summary>
    public int? PatientId { get; set; }

    /// <summary>Comma-separated property names, for creates and updates.</summary>
    public string? ChangedFields { get; set; }

    public string PreviousHash { get; set; } = "";

    public string Hash { get; set; } = "";
}

public static class AuditActions
{
    public const string View = "View";
    public const string Create = "Create";
    public const string Update = "Update";
    public const string Delete = "Delete";
    public const string EmergencyAccess = "EmergencyAccess";

    /// <summary>A patient's whole record was exported (the printable page or the FHIR download), for an access request.</summary>
    public const string Export = "Export";
}
