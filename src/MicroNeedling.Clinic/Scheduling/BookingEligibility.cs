using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.Data;
using MicroNeedling.Clinic.Plans;
using MicroNeedling.Clinic.Screening;
using MicroNeedling.Clinic.Sittings;
using Microsoft.EntityFrameworkCore;

namespace MicroNeedling.Clinic.Scheduling;

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

    /// <summary>The last day the latest screening allows treatment on; after it, the check-in re-screen renews it.</summary>
    public DateOnly? LatestScreeningLastValidDay => LatestScreenedOn?.AddDays(LatestValidityDays - 1);
}

/// <summary>
/// The booking rule (ADR 0017): a sitting may be booked, moved or checked in on a course plan made on a screening that
/// allowed treatment, while the course is active, not on hold, with no hard-stop finding recorded since the plan's
/// screening and no clearance awaited, for a patient of the clinic's minimum age. It does not ask for a screening valid on
/// the sitting's date: clinics book courses months ahead, and the check-in re-screen is the screening treatment needs.
/// </summary>
public static class BookingEligibility
{
    /// <summary>Why no sitting of the course may be booked now, or null. Worded for front desk: no clinical detail.</summary>
    public static string? Refusal(CourseFacts course, DateOnly sittingDate, int minimumAge)
    {
        if (course.Status == PlanStatus.Cancelled)
        {
            return "The course is cancelled.";
        }

        if (course.Status == PlanStatus.Completed)
        {
            return "The course is completed.";
        }

        if (!course.PlanScreeningAllowedTreatment)
        {
            return "The course was not planned on a screening that allowed treatment. A clinician must review the course.";
        }

        if (course.HardStopSincePlan)
        {
            return "A screening since the course was planned found the patient not suitable. A clinician must review the patient and plan a new course.";
        }

        if (course.LatestAwaitsClearance)
        {
            return "The patient's latest screening needs a doctor's clearance, which has not been recorded. A clinician must record it first.";
        }

        if (course.IsOnHold)
        {
            return "The course is on hold until a clinician reviews a reported side effect.";
        }

        return Age.YearsOn(course.DateOfBirth, sittingDate) < minimumAge
            ? $"The patient is under the clinic's minimum age of {minimumAge} on {sittingDate:d MMM yyyy}."
            : null;
    }

    /// <summary>
    /// Whether the screening will need renewing by a sitting's date: the check-in re-screen then renews it, and if it finds
    /// a contraindication the sitting does not go ahead. Shown as "re-screen at check-in" so nobody is surprised on the day.
    /// </summary>
    public static bool NeedsReScreenBy(DateOnly? lastValidDay, DateOnly sittingDate) => lastValidDay is not { } last || sittingDate > last;
}

/// <summary>Reads <see cref="CourseFacts"/> in one SQL command, for a sitting or a plan.</summary>
public sealed class CourseFactsQuery(ClinicDbContext db)
{
    /// <summary>The course's facts; <see cref="CourseFacts.SittingNumber"/> is 0.</summary>
    public Task<CourseFacts?> ForPlanAsync(int planId, CancellationToken ct = default) =>
        Facts(db.CoursePlans.Where(p => p.Id == planId), sittingId: 0).SingleOrDefaultAsync(ct);

    /// <summary>The facts of the course the sitting belongs to, with the sitting's number; null when there is no such sitting.</summary>
    public Task<CourseFacts?> ForSittingAsync(int sittingId, CancellationToken ct = default) =>
        Facts(db.CoursePlans.Where(p => p.Sittings.Any(s => s.Id == sittingId)), sittingId).SingleOrDefaultAsync(ct);

    private IQueryable<CourseFacts> Facts(IQueryable<CoursePlan> plans, int sittingId) =>
        from p in plans.AsNoTracking()
        let planScreening = db.Screenings.FirstOrDefault(s => s.Id == p.ScreeningId)
        let latest = db.Screenings.Where(s => s.PatientId == p.PatientId)
            .OrderByDescending(s => s.CreatedAtUtc).ThenByDescending(s => s.Id).FirstOrDefault()
        select new CourseFacts(
            p.Id,
            p.Sittings.Where(s => s.Id == sittingId).Select(s => s.Number).FirstOrDefault(),
            p.PatientId,
            p.Patient!.FirstName,
            p.Patient.FirstName + " " + p.Patient.LastName,
            p.Patient.DateOfBirth,
            p.Status,
            p.MinutesPerSitting,
            p.NumbingLeadMinutes,
            p.MinIntervalDays,
            p.MaxIntervalDays,
            p.SittingCount,
            planScreening != null
                && (planScreening.Outcome == ScreeningOutcome.Suitable
                    || (planScreening.Outcome == ScreeningOutcome.ClearanceRequired && planScreening.Clearance != null)),
            db.Screenings.Any(s => s.PatientId == p.PatientId && s.Outcome == ScreeningOutcome.NotSuitable
                && planScreening != null && (s.CreatedAtUtc > planScreening.CreatedAtUtc || (s.CreatedAtUtc == planScreening.CreatedAtUtc && s.Id > planScreening.Id))),
            latest != null && latest.Outcome == ScreeningOutcome.ClearanceRequired && latest.Clearance == null,
            latest == null ? null : (DateOnly?)latest.ScreenedOn,
            latest == null ? 0 : latest.ValidityDays,
            db.SideEffects.Where(e => e.PatientId == p.PatientId && e.ReviewedAtUtc == null).ToList());
}
