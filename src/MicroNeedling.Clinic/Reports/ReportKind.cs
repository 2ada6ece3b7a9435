using System.ComponentModel.DataAnnotations;
using MicroNeedling.Clinic.Staff;

namespace MicroNeedling.Clinic.Reports;

public enum ReportKind
{
    [Display(Name = "Utilisation")] Utilisation = 1,
    [Display(Name = "No-shows and late cancellations")] NoShows = 2,
    [Display(Name = "Courses")] Courses = 3,
    [Display(Name = "Screening outcomes")] Screening = 4,
    [Display(Name = "Adverse events")] AdverseEvents = 5,
}

/// <summary>Who may read which report: everyone reads the operational ones; the clinical ones are for admins and clinicians.</summary>
public static class ReportAccess
{
    /// <summary>Utilisation and no-shows describe the calendar, which front desk runs; the others describe treatment.</summary>
    public static bool IsOperational(ReportKind kind) => kind is ReportKind.Utilisation or ReportKind.NoShows;

    public static bool MayRead(ReportKind kind, Func<string, bool> isInRole) =>
        isInRole(Roles.Admin) || isInRole(Roles.Clinician) || (IsOperational(kind) && isInRole(Roles.FrontDesk));

    public static IReadOnlyList<ReportKind> Readable(Func<string, bool> isInRole) =>
        Enum.GetValues<ReportKind>().Where(k => MayRead(k, isInRole)).ToList();
}
