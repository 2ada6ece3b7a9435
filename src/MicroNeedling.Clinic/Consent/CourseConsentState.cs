using System.ComponentModel.DataAnnotations;

namespace MicroNeedling.Clinic.Consent;

public enum CourseConsentState
{
    [Display(Name = "Consent to sign")] ToSign = 1,
    [Display(Name = "Consent signed")] Valid = 2,
    [Display(Name = "Consent to sign again (the consent text's safety content changed)")] ToSignAgain = 3,
    [Display(Name = "Consent withdrawn")] Withdrawn = 4,
}
