using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.Data;
using MicroNeedling.Clinic.Plans;
using MicroNeedling.Clinic.Screening;
using MicroNeedling.Clinic.Sittings;
using Microsoft.EntityFrameworkCore;

namespace MicroNeedling.Clinic.Bookings;

/// <summary>What the booking rule needs to know about one course and its patient, read in one query.</summary>
public sealed record CourseFacts(
    int PlanId,
    int SittingNumber,
    int PatientId,
    string PatientFirstName,
    string PatientName,
    DateOnly DateOfBirth,
    PlanStatus Status,
    int MinutesPerSitting,
    int NumbingLeadMinutes,
    int MinIntervalDays,
    int MaxIntervalDays,
    int SittingCount,
    bool PlanScreeningAllowedTreatment,
    bool HardStopSincePlan,
    bool LatestAwaitsClearance,
    DateOnly? LatestScreenedOn,
    int LatestValidityDays,
    IReadOnlyList<SideEffect> OpenSideEffects)
{
    public bool IsOnHold => OpenSideEffects.Any(HoldRules.Holds);

    /// <summary>The course's latest consent was withdrawn: nothing more is booked until the patient signs again.</summary>
    public bool ConsentWithdrawn { get; init; }

    /// <summary>The last day the latest screening allows treatment on; after it, the check-in re-screen renews it.</summary>
    public DateOnly? LatestScreeningLastValidDay => LatestScreenedOn?.AddDays(LatestValidityDays - 1);
}
