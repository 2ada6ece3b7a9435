using FluentValidation;
using MicroNeedling.Clinic.Bookings;
using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.Data;
using MicroNeedling.Clinic.Screening;
using MicroNeedling.Clinic.Settings;
using Microsoft.EntityFrameworkCore;

namespace MicroNeedling.Clinic.Plans;

public sealed class PlanService(
    ClinicDbContext db,
    ScreeningService screenings,
    ClinicSettingsService settings,
    TimeProvider time,
    ICurrentUser user,
    Messaging.PatientMessages messages,
    Sittings.SittingGuard guard,
    IValidator<CreatePlanCommand> createValidator,
    IValidator<CancelPlanCommand> cancelValidator)
{
    /// <summary>A new plan with the clinic's defaults filled in.</summary>
    public async Task<CreatePlanCommand> DraftAsync(int patientId, CancellationToken ct = default)
    {
        var clinic = await settings.GetAsync(ct);
        var patient = await db.Patients.AsNoTracking().SingleOrDefaultAsync(p => p.Id == patientId, ct);
        return new CreatePlanCommand
        {
            PatientId = patientId,
            Concerns = patient is null ? [] : FlagsList.Split(patient.Concerns),
            Areas = patient is null ? [] : FlagsList.Split(patient.TreatmentAreas),
            SittingCount = clinic.SittingsPerCourse,
            MinutesPerSitting = clinic.MinutesPerSitting,
            MinIntervalDays = clinic.MinIntervalDays,
            MaxIntervalDays = clinic.MaxIntervalDays,
            NumbingLeadMinutes = clinic.NumbingLeadMinutes,
        };
    }

    public Task<CoursePlan?> FindAsync(int planId, CancellationToken ct = default) =>
        db.CoursePlans.AsNoTracking().Include(p => p.Sittings.OrderBy(s => s.Number)).Include(p => p.Patient)
            .SingleOrDefaultAsync(p => p.Id == planId, ct);

    public async Task<IReadOnlyList<CoursePlan>> ForPatientAsync(int patientId, CancellationToken ct = default) =>
        await db.CoursePlans.AsNoTracking().Include(p => p.Sittings.OrderBy(s => s.Number))
            .Where(p => p.PatientId == patientId)
            .OrderByDescending(p => p.CreatedAtUtc).ThenByDescending(p => p.Id)
            .ToListAsync(ct);

    public async Task<ServiceResult<CoursePlan>> CreateAsync(CreatePlanCommand command, CancellationToken ct = default)
    {
        var validation = await createValidator.ValidateAsync(command, ct);
        if (!validation.IsValid)
        {
            return ServiceResult<CoursePlan>.Fail(validation);
        }

        if (!await db.Patients.AnyAsync(p => p.Id == command.PatientId, ct))
        {
            return ServiceResult<CoursePlan>.Fail("", "That patient does not exist.");
        }

        var status = await screenings.CurrentStatusAsync(command.PatientId, ct);
        if (!status.AllowsTreatment)
        {
            return ServiceResult<CoursePlan>.Fail("", $"A course cannot be planned: {status.Summary}");
        }

        if ((await guard.HoldAsync(command.PatientId, ct)).IsOnHold)
        {
            return ServiceResult<CoursePlan>.Fail("", "A severe side effect is waiting for a clinician's review. Record the review before planning a new course.");
        }

        if (await db.CoursePlans.AnyAsync(p => p.PatientId == command.PatientId && p.Status == PlanStatus.Active, ct))
        {
            return ServiceResult<CoursePlan>.Fail("", "The patient already has an active course. Cancel it before planning a new one.");
        }

        var count = command.SittingCount!.Value;
        var plan = new CoursePlan
        {
            PatientId = command.PatientId,
            ScreeningId = status.Latest!.Id,
            Concerns = FlagsList.Combine(command.Concerns),
            Areas = FlagsList.Combine(command.Areas),
            SittingCount = count,
            SittingCountReason = PlanLimits.IsStandardCount(count) ? null : command.SittingCountReason?.Trim(),
            MinutesPerSitting = command.MinutesPerSitting!.Value,
            MinIntervalDays = command.MinIntervalDays!.Value,
            MaxIntervalDays = command.MaxIntervalDays!.Value,
            NumbingLeadMinutes = command.NumbingLeadMinutes!.Value,
            Notes = string.IsNullOrWhiteSpace(command.Notes) ? null : command.Notes.Trim(),
            Status = PlanStatus.Active,
            Sittings = Enumerable.Range(1, count).Select(n => new PlannedSitting { Number = n, Status = SittingStatus.NotBooked }).ToList(),
        };
        db.CoursePlans.Add(plan);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (ProviderDifferences.IsUniqueViolation(e))
        {
            // A double submit raced past the check above; the unique index on active plans kept only one.
            return ServiceResult<CoursePlan>.Fail("", "The patient already has an active course. Cancel it before planning a new one.");
        }

        return ServiceResult<CoursePlan>.Ok(plan);
    }

    public async Task<ServiceResult> CancelAsync(CancelPlanCommand command, CancellationToken ct = default)
    {
        var validation = await cancelValidator.ValidateAsync(command, ct);
        if (!validation.IsValid)
        {
            return ServiceResult.Fail(validation);
        }

        // Immediate write transaction, like booking: a booking or check-in racing with the cancel either commits first
        // (and is cancelled below) or waits and then finds the course cancelled.
        await using var transaction = await db.Database.BeginWriteTransactionAsync(ct);
        var plan = await db.CoursePlans.SingleOrDefaultAsync(p => p.Id == command.PlanId, ct);
        if (plan is null)
        {
            return ServiceResult.Fail("", "That course does not exist.");
        }

        if (plan.Status != PlanStatus.Active)
        {
            return ServiceResult.Fail("", $"This course is already {FlagsList.DisplayName(plan.Status).ToLowerInvariant()}.");
        }

        await CancelLoadedAsync(plan, command.Reason.Trim(), ct);
        await transaction.CommitAsync(ct);
        return ServiceResult.Ok();
    }

    /// <summary>
    /// What the bookings a clinician's cancel ended say about why. Front desk reads bookings, their history and the
    /// course timeline (ADR 0007), so the clinician's own reason ("new pregnancy", "the review of an infection") stays
    /// on the course, where only clinicians are shown it.
    /// </summary>
    public const string EndedByAClinician = "Course ended by a clinician.";

    /// <summary>
    /// Cancels a loaded, active course inside the caller's transaction, with its open bookings, and saves. Used by
    /// <see cref="CancelAsync"/> and by a side-effect review that stops the course. <paramref name="reason"/> is clinical
    /// and is kept on the course only.
    /// </summary>
    internal async Task CancelLoadedAsync(CoursePlan plan, string reason, CancellationToken ct)
    {
        plan.Status = PlanStatus.Cancelled;
        plan.CancelledAtUtc = time.GetUtcNow().UtcDateTime;
        plan.CancelledBy = user.UserName;
        plan.CancellationReason = reason;

        await OpenBookings.CloseAsync(db, messages, plan.Id, EndedByAClinician, ct);
        await db.SaveChangesAsync(ct);
    }
}
