using System.ComponentModel.DataAnnotations;

namespace MicroNeedling.Clinic.Recalls;

public enum RecallAnswer
{
    [Display(Name = "No answer yet")] None = 0,
    [Display(Name = "Wants a maintenance sitting")] WantsSitting = 1,
    [Display(Name = "Not now")] NotNow = 2,
    [Display(Name = "Could not be reached")] Unreachable = 3,
}

/// <summary>
/// A completed course puts its patient on the recall list for a maintenance sitting on <see cref="DueOn"/> (6–12 months
/// later, clinic setting). The recall mail is queued with it, due that day; front desk records the answer.
/// </summary>
public sealed class MaintenanceRecall
{
    public int Id { get; set; }

    public int CoursePlanId { get; set; }

    public int PatientId { get; set; }

    public DateOnly DueOn { get; set; }

    /// <summary>The recall mail, when the patient opted in to recall mails.</summary>
    public int? OutboxMessageId { get; set; }

    public RecallAnswer Answer { get; set; }

    public string? AnswerNote { get; set; }

    public DateTime? AnsweredAtUtc { get; set; }

    public string? AnsweredBy { get; set; }

    public DateTime CreatedAtUtc { get; set; }
}
