using System.ComponentModel.DataAnnotations;
using MicroNeedling.Clinic.Common;

namespace MicroNeedling.Clinic.Sittings;

/// <summary>Side effects of docs/domain.md. Redness and irritation are expected; the others need a clinician at once.</summary>
public enum SideEffectKind
{
    [Display(Name = "Redness")] Redness = 1,
    [Display(Name = "Irritation")] Irritation = 2,
    [Display(Name = "Infection")] Infection = 3,
    [Display(Name = "Bruising")] Bruising = 4,
    [Display(Name = "Peeling")] Peeling = 5,
    [Display(Name = "Bleeding")] Bleeding = 6,
}

public enum Severity
{
    [Display(Name = "Mild")] Mild = 1,
    [Display(Name = "Moderate")] Moderate = 2,
    [Display(Name = "Severe")] Severe = 3,
}

public enum ReviewOutcome
{
    [Display(Name = "Continue the course")] ContinueCourse = 1,
    [Display(Name = "Continue with changes")] ContinueWithChanges = 2,
    [Display(Name = "Stop the course")] StopCourse = 3,
}

/// <summary>
/// A side effect reported after a sitting. A severe kind puts the course on hold until a clinician records a review;
/// an expected kind that is still unresolved after the clinic's threshold raises a prompt for review.
/// </summary>
public sealed class SideEffect : IStamped
{
    public int Id { get; set; }

    public int PatientId { get; set; }

    public int CoursePlanId { get; set; }

    /// <summary>The sitting after which it appeared, when known.</summary>
    public int? BookingId { get; set; }

    public SideEffectKind Kind { get; set; }

    public DateOnly OnsetDate { get; set; }

    public Severity Severity { get; set; }

    public string Description { get; set; } = "";

    public string? ActionTaken { get; set; }

    public DateOnly? ResolvedOn { get; set; }

    public DateTime? ReviewedAtUtc { get; set; }

    public string? ReviewedBy { get; set; }

    public ReviewOutcome? ReviewOutcome { get; set; }

    public string? ReviewNote { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public string CreatedBy { get; set; } = "";

    public static bool IsSevereKind(SideEffectKind kind) => kind is SideEffectKind.Infection or SideEffectKind.Bruising or SideEffectKind.Peeling or SideEffectKind.Bleeding;
}
