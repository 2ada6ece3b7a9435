using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.Data;
using MicroNeedling.Clinic.Plans;
using MicroNeedling.Clinic.Screening;
using MicroNeedling.Clinic.Sittings;
using Microsoft.EntityFrameworkCore;

namespace MicroNeedling.Clinic.Bookings;

/// <summary>Reads <see cref="CourseFacts"/> in one SQL command, for a sitting or a plan.</summary>
public sealed class CourseFactsQuery(ClinicDbContext db)
{
    /// <summary>The course's facts; <see cref="CourseFacts.SittingNumber"/> is 0.</summary>
    public Task<CourseFacts?> ForPlanAsync(int planId, CancellationToken ct = default) =>
        Facts(db.CoursePlans.Where(p => p.Id == planId), sittingId: 0).SingleOrDefaultAsync(ct);

    /// <summary>The facts of the course the sitting belongs to, with the sitting's number; null when there is no such sitting.</summary>
    /// <remarks>
    /// The plan is reached from the sitting by primary key (<c>c.Id = (SELECT CoursePlanId FROM PlannedSittings WHERE Id = @id)</c>),
    /// not by "the plan that has this sitting" (a correlated EXISTS), which SQLite answers by walking every course plan.
    /// </remarks>
    public Task<CourseFacts?> ForSittingAsync(int sittingId, CancellationToken ct = default) =>
        Facts(db.CoursePlans.Where(p => p.Id == db.PlannedSittings.Where(s => s.Id == sittingId).Select(s => (int?)s.CoursePlanId).FirstOrDefault()), sittingId)
            .SingleOrDefaultAsync(ct);

    // The clearances are asked for by screening id (EXISTS on the unique ScreeningId index), not through the navigation:
    // "Clearance != null" made EF Core LEFT JOIN DoctorClearances, which PostgreSQL may answer by hashing the whole table.
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
                    || (planScreening.Outcome == ScreeningOutcome.ClearanceRequired && db.DoctorClearances.Any(c => c.ScreeningId == p.ScreeningId))),
            db.Screenings.Any(s => s.PatientId == p.PatientId && s.Outcome == ScreeningOutcome.NotSuitable
                && planScreening != null && (s.CreatedAtUtc > planScreening.CreatedAtUtc || (s.CreatedAtUtc == planScreening.CreatedAtUtc && s.Id > planScreening.Id))),
            latest != null && latest.Outcome == ScreeningOutcome.ClearanceRequired && !db.DoctorClearances.Any(c => c.ScreeningId == latest.Id),
            latest == null ? null : (DateOnly?)latest.ScreenedOn,
            latest == null ? 0 : latest.ValidityDays,
            db.SideEffects.Where(e => e.PatientId == p.PatientId && e.ReviewedAtUtc == null).ToList())
        {
            ConsentWithdrawn = db.PatientConsents.Where(c => c.CoursePlanId == p.Id).OrderByDescending(c => c.Id).Select(c => c.WithdrawnAtUtc != null).FirstOrDefault(),
        };
}
