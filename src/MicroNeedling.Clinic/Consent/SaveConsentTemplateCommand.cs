namespace MicroNeedling.Clinic.Consent;

/// <summary>An admin's edit of the draft version.</summary>
public sealed class SaveConsentTemplateCommand
{
    public int TemplateId { get; set; }

    public string Title { get; set; } = "";

    public string Body { get; set; } = "";

    /// <summary>This version changes the risks, contraindications or aftercare: every course's patient signs it again.</summary>
    public bool ChangesSafetyContent { get; set; }
}
