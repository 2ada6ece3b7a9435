using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.Patients;

namespace MicroNeedling.Clinic.Screening;

/// <summary>
/// One contraindication screening. Never edited or deleted: a new screening supersedes the old one.
/// The outcome and reasons are worked out once, with the settings in force at the time, and stored with it.
/// </summary>
public sealed class Screening : IStamped
{
    public int Id { get; set; }

    public int PatientId { get; set; }

    public Patient? Patient { get; set; }

    /// <summary>The clinic-local day of the screening; validity is counted in calendar days from it.</summary>
    public DateOnly ScreenedOn { get; set; }

    /// <summary>The booking whose check-in this re-screen belongs to; null for a screening outside a sitting.</summary>
    public int? BookingId { get; set; }

    public bool Eczema { get; set; }

    public bool Psoriasis { get; set; }

    public bool ActiveAcne { get; set; }

    public bool OpenWounds { get; set; }

    public PregnancyAnswer Pregnancy { get; set; }

    public bool RadiationTherapy { get; set; }

    public DateOnly? RadiationDate { get; set; }

    public string? Notes { get; set; }

    /// <summary>
    /// What changed since a recent "not suitable" finding this screening clears (ADR 0018): required then, so a hard stop
    /// is never overturned by different answers alone. Clinical text: clinicians only.
    /// </summary>
    public string? ReversalNote { get; set; }

    /// <summary>A "not suitable" finding from the answers themselves (not the age): eczema, psoriasis, active acne, open wounds.</summary>
    public bool HasHardStopFinding => Eczema || Psoriasis || ActiveAcne || OpenWounds;

    public ScreeningOutcome Outcome { get; set; }

    /// <summary>The reasons behind the outcome, one per line.</summary>
    public string Reasons { get; set; } = "";

    /// <summary>How many days the screening stays valid, copied from the settings when it was recorded.</summary>
    public int ValidityDays { get; set; }

    public DoctorClearance? Clearance { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public string CreatedBy { get; set; } = "";

    public IReadOnlyList<string> ReasonList => Reasons.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The last day on which this screening allows treatment.</summary>
    public DateOnly LastValidDay => ScreenedOn.AddDays(ValidityDays - 1);

    public ScreeningAnswers Answers => new(Eczema, Psoriasis, ActiveAcne, OpenWounds, Pregnancy, RadiationTherapy, RadiationDate);
}

/// <summary>A doctor's clearance recorded against a screening that needed one. Never overrides a "not suitable" reason.</summary>
public sealed class DoctorClearance : IStamped
{
    public int Id { get; set; }

    public int ScreeningId { get; set; }

    public string DoctorName { get; set; } = "";

    public DateOnly ClearedOn { get; set; }

    public string? Note { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public string CreatedBy { get; set; } = "";
}
