using MicroNeedling.Clinic.Consent;

namespace MicroNeedling.Testing;

/// <summary>The consent form as a patient and clinician complete it, for test set-ups on either host.</summary>
public static class TestConsents
{
    public static SignConsentCommand Form(int planId, int templateId, bool photosForClinicalRecord = true) => new()
    {
        PlanId = planId,
        TemplateId = templateId,
        ReadAndDisclosed = true,
        PhotosForClinicalRecord = photosForClinicalRecord,
        PatientSignature = TestSignatures.Handwritten(),
        ClinicianSignature = TestSignatures.Handwritten(),
    };
}
