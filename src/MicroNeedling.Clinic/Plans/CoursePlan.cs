using System.ComponentModel.DataAnnotations;
using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.Patients;

namespace MicroNeedling.Clinic.Plans;

public enum PlanStatus
{
    [Display(Name = "Active")] Active = 0,
    [Display(Name = "Cancelled")] Cancelled = 1,
    [Display(Name = "Completed")] Completed = 2,
}

public enum SittingStatus
{
    [Display(Name = "Not yet booked")] NotBooked = 0,
}

/// <summary>A course of micro-needling sittings for one patient, planned by a clinician.</summary>
public sealed class CoursePlan : IStamped
{
    public int Id { get; set; }

    public int PatientId { get; set; }

    public Patient? Patient { get; set; }

    /// <summary>The screening that allowed this plan.</summary>
    public int ScreeningId { get; set; }

    public Concern Concerns { get; set; }

    public TreatmentArea Areas { get; set; }

    public int SittingCount { get; set; }

    /// <summary>Required when the course is not 5 or 6 sittings.</summary>
    public string? SittingCountReason { get; set; }

    public int MinutesPerSitting { get; set; }

    public int MinIntervalDays { get; set; }

    public int MaxIntervalDays { get; set; }

    public int NumbingLeadMinutes { get; set; }

    public string? Notes { get; set; }

    public PlanStatus Status { get; set; }

    public DateTime? CancelledAtUtc { get; set; }

    public string? CancelledBy { get; set; }

    public string? CancellationReason { get; set; }

    public DateTime? CompletedAtUtc { get; set; }

    /// <summary>When a maintenance sitting is due, offered when the course completes (clinic setting, default 6 months).</summary>
    public DateOnly? MaintenanceDueOn { get; set; }

    public List<PlannedSitting> Sittings { get; set; } = [];

    public DateTime CreatedAtUtc { get; set; }

    public string CreatedBy { get; set; } = "";
}

/// <summary>One numbered sitting of a course (1..N). Booking comes with scheduling.</summary>
public sealed class PlannedSitting
{
    public int Id { get; set; }

    public int CoursePlanId { get; set; }

    public int Number { get; set; }

    public SittingStatus Status { get; set; }
}
