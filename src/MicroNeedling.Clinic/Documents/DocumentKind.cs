using System.ComponentModel.DataAnnotations;

namespace MicroNeedling.Clinic.Documents;

public enum DocumentKind
{
    [Display(Name = "Doctor's clearance letter")] ClearanceLetter = 1,
    [Display(Name = "Outside report")] OutsideReport = 2,
    [Display(Name = "Other")] Other = 3,
}
