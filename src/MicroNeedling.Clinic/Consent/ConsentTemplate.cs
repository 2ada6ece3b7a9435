using MicroNeedling.Clinic.Common;

namespace MicroNeedling.Clinic.Consent;

public enum TemplateState
{
    Draft = 1,
    Published = 2,
    Superseded = 3,
}

/// <summary>
/// One version of the clinic's informed-consent text. A draft is edited by an admin; publishing it freezes it for good and
/// supersedes the version before. Signed consents keep the exact text they showed, so editing a template never changes
/// what a patient signed.
/// </summary>
public sealed class ConsentTemplate : IStamped
{
    public int Id { get; set; }

    /// <summary>1, 2, 3… in the order the versions were created.</summary>
    public int Version { get; set; }

    public string Title { get; set; } = "";

    /// <summary>Plain text; a blank line separates paragraphs, a line starting with "- " is a bullet.</summary>
    public string Body { get; set; } = "";

    /// <summary>
    /// Rises with each published version that changes what the patient is told about risks, contraindications or aftercare.
    /// A consent signed on an earlier safety revision no longer lets a sitting start: the patient signs again. A version that
    /// only rewords (a typo, the clinic's phone number) keeps the revision, and signed consents stay valid.
    /// </summary>
    public int SafetyRevision { get; set; }

    public TemplateState State { get; set; }

    /// <summary>Set on a draft by the admin: publishing it raises <see cref="SafetyRevision"/>.</summary>
    public bool ChangesSafetyContent { get; set; }

    public DateTime? PublishedAtUtc { get; set; }

    public string? PublishedBy { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public string CreatedBy { get; set; } = "";
}
