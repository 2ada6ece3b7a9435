using MicroNeedling.Clinic.Common;

namespace MicroNeedling.Clinic.Consent;

/// <summary>
/// An informed consent signed for one course: the template version and the exact text shown, the patient's choices, both
/// signatures, who and when, and a SHA-256 over all of it (<see cref="ConsentSeal"/>) so a later change to the row shows.
/// Never edited after signing; a withdrawal is recorded on it and is the only change.
/// </summary>
public sealed class PatientConsent : IStamped
{
    public int Id { get; set; }

    public int PatientId { get; set; }

    public int CoursePlanId { get; set; }

    public int TemplateId { get; set; }

    public int TemplateVersion { get; set; }

    /// <summary>The template's safety revision when signed (<see cref="ConsentTemplate.SafetyRevision"/>).</summary>
    public int SafetyRevision { get; set; }

    public string Title { get; set; } = "";

    /// <summary>The text the patient read, exactly as shown.</summary>
    public string TextShown { get; set; } = "";

    /// <summary>Photos may be taken and kept in the clinical record.</summary>
    public bool PhotosForClinicalRecord { get; set; }

    /// <summary>Photos may also be used for teaching or marketing, without the patient's name. Needs the clinical choice.</summary>
    public bool PhotosForTeachingOrMarketing { get; set; }

    /// <summary>The patient's name as it was on the record when they signed.</summary>
    public string PatientNameSigned { get; set; } = "";

    public byte[] PatientSignaturePng { get; set; } = [];

    public DateTime SignedAtUtc { get; set; }

    public byte[] ClinicianSignaturePng { get; set; } = [];

    /// <summary>The clinician who presented the consent and countersigned it (their user name).</summary>
    public string CountersignedBy { get; set; } = "";

    public DateTime CountersignedAtUtc { get; set; }

    /// <summary>Lower-case hex SHA-256 of the signed record (<see cref="ConsentSeal.Compute"/>).</summary>
    public string Sha256 { get; set; } = "";

    public DateTime? WithdrawnAtUtc { get; set; }

    public string? WithdrawnBy { get; set; }

    public string? WithdrawalReason { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public string CreatedBy { get; set; } = "";

    public bool IsWithdrawn => WithdrawnAtUtc is not null;
}
