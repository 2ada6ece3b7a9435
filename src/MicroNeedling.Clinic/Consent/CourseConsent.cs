namespace MicroNeedling.Clinic.Consent;

/// <summary>
/// Whether a course has a consent that lets its sittings start. No content: front desk is shown this, and only this, of a
/// consent (the calendar's "consent to sign", the booking page).
/// </summary>
public sealed record CourseConsent(int PlanId, CourseConsentState State, int? ConsentId, DateTime? SignedAtUtc, bool PhotosForClinicalRecord)
{
    public bool AllowsTreatment => State == CourseConsentState.Valid;

    /// <summary>Photos may be taken at this course's sittings: a valid consent with the clinical-record photo choice.</summary>
    public bool AllowsPhotos => AllowsTreatment && PhotosForClinicalRecord;

    public static CourseConsent None(int planId) => new(planId, CourseConsentState.ToSign, null, null, false);
}
