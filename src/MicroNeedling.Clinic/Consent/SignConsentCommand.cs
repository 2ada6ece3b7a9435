namespace MicroNeedling.Clinic.Consent;

/// <summary>The consent form as the patient and the clinician completed it on the clinic's tablet.</summary>
public sealed class SignConsentCommand
{
    public int PlanId { get; set; }

    /// <summary>The template version the form showed: if a new one was published meanwhile, the patient reads that one.</summary>
    public int TemplateId { get; set; }

    /// <summary>The patient confirms they read the text and disclosed their contraindications.</summary>
    public bool ReadAndDisclosed { get; set; }

    public bool PhotosForClinicalRecord { get; set; }

    public bool PhotosForTeachingOrMarketing { get; set; }

    /// <summary>The patient's signature, a PNG data URL from the pad.</summary>
    public string PatientSignature { get; set; } = "";

    /// <summary>The clinician's countersignature, a PNG data URL from the second pad.</summary>
    public string ClinicianSignature { get; set; } = "";
}
