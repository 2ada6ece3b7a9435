using FluentValidation;
using MicroNeedling.Clinic.Bookings;
using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.Data;
using MicroNeedling.Clinic.Plans;
using MicroNeedling.Clinic.Settings;
using Microsoft.EntityFrameworkCore;

namespace MicroNeedling.Clinic.Sittings;

/// <summary>A course that needs a clinician: on hold, or with a lingering side effect.</summary>
public sealed record ReviewItem(int PatientId, string PatientName, int PlanId, CourseHold Hold);

/// <summary>Side effects, holds and reviews. Any staff may record a side effect; only a clinician reviews.</summary>
public sealed class SideEffectService(
    ClinicDbContext db,
    ClinicSettingsService settings,
    TimeProvider time,
    ICurrentUser user,
    Plans.PlanService plans,
    IValidator<RecordSideEffectCommand> recordValidator,
    IValidator<ReviewSideEffectCommand> reviewValidator)
{
    public async Task<ServiceResult<SideEffect>> RecordAsync(RecordSideEffectCommand command, CancellationToken ct = default)
    {
        var validation = await recordValidator.ValidateAsync(command, ct);
        if (!validation.IsValid)
        {
            return ServiceResult<SideEffect>.Fail(validation);
        }

        // A side effect belongs to the patient's current course: the active one, else the one that ended last.
        var plan = await db.CoursePlans.AsNoTracking()
            .Where(p => p.PatientId == command.PatientId)
            .OrderBy(p => p.Status == PlanStatus.Active ? 0 : 1).ThenByDescending(p => p.CreatedAtUtc).ThenByDescending(p => p.Id)
            .FirstOrDefaultAsync(ct);
        if (plan is null)
        {
            return ServiceResult<SideEffect>.Fail("", "The patient has no course, so there is no sitting a side effect could follow.");
        }

        var lastSitting = await db.Bookings.AsNoTracking()
            .Where(b => b.Sitting!.CoursePlanId == plan.Id && b.Status == BookingStatus.Completed)
            .OrderByDescending(b => b.StartUtc)
            .Select(b => (int?)b.Id)
            .FirstOrDefaultAsync(ct);

        var effect = new SideEffect
        {
            PatientId = command.PatientId,
            CoursePlanId = plan.Id,
            BookingId = lastSitting,
            Kind = command.Kind!.Value,
            OnsetDate = command.OnsetDate!.Value,
            Severity = command.Severity!.Value,
            Description = command.Description.Trim(),
            ActionTaken = string.IsNullOrWhiteSpace(command.ActionTaken) ? null : command.ActionTaken.Trim(),
        };
        db.SideEffects.Add(effect);
        await db.SaveChangesAsync(ct);
        return ServiceResult<SideEffect>.Ok(effect);
    }

    public async Task<ServiceResult> ReviewAsync(ReviewSideEffectCommand command, CancellationToken ct = default)
    {
        var validation = await reviewValidator.ValidateAsync(command, ct);
        if (!validation.IsValid)
        {
            return ServiceResult.Fail(validation);
        }

        if (command.ResolvedOn is { } resolved && resolved > ClinicTime.For((await settings.GetAsync(ct)).TimeZoneId).Today(time))
        {
            return ServiceResult.Fail(nameof(command.ResolvedOn), "The date it resolved cannot be in the future.");
        }

        // Two clinicians reviewing at once: the immediate transaction makes the second one read the first review.
        await using var transaction = await db.Database.BeginWriteTransactionAsync(ct);
        var effect = await db.SideEffects.SingleOrDefaultAsync(e => e.Id == command.SideEffectId, ct);
        if (effect is null)
        {
            return ServiceResult.Fail("", "That side effect does not exist.");
        }

        if (effect.ReviewedAtUtc is not null)
        {
            return ServiceResult.Fail("", $"This side effect was already reviewed by {effect.ReviewedBy}.");
        }

        if (command.ResolvedOn is { } resolvedOn && resolvedOn < effect.OnsetDate)
        {
            return ServiceResult.Fail(nameof(command.ResolvedOn), "It cannot have resolved before it started.");
        }

        effect.ReviewedAtUtc = time.GetUtcNow().UtcDateTime;
        effect.ReviewedBy = user.UserName;
        effect.ReviewOutcome = command.Outcome;
        effect.ReviewNote = command.Note.Trim();
        effect.ResolvedOn ??= command.ResolvedOn;
        await db.SaveChangesAsync(ct);

        // "Stop the course" is a decision, not a note: the course is cancelled with its open bookings.
        if (command.Outcome == ReviewOutcome.StopCourse
            && await db.CoursePlans.SingleOrDefaultAsync(p => p.Id == effect.CoursePlanId && p.Status == PlanStatus.Active, ct) is { } plan)
        {
            await plans.CancelLoadedAsync(plan, $"Stopped after the review of a side effect ({FlagsList.DisplayName(effect.Kind).ToLowerInvariant()}).", ct);
        }

        await transaction.CommitAsync(ct);
        return ServiceResult.Ok();
    }

    public Task<SideEffect?> FindAsync(int id, CancellationToken ct = default) =>
        db.SideEffects.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, ct);

    public async Task<IReadOnlyList<SideEffect>> ForPatientAsync(int patientId, CancellationToken ct = default) =>
        await db.SideEffects.AsNoTracking().Where(e => e.PatientId == patientId)
            .OrderByDescending(e => e.OnsetDate).ThenByDescending(e => e.Id).ToListAsync(ct);

    /// <summary>Every course on hold and every review prompt, for the clinicians' "Needs review" list.</summary>
    public async Task<IReadOnlyList<ReviewItem>> NeedsReviewAsync(CancellationToken ct = default)
    {
        var clinic = await settings.GetAsync(ct);
        var today = ClinicTime.For(clinic.TimeZoneId).Today(time);
        var open = await db.SideEffects.AsNoTracking().Where(e => e.ReviewedAtUtc == null).ToListAsync(ct);
        var patientIds = open.Select(e => e.PatientId).Distinct().ToList();
        var names = await db.Patients.AsNoTracking().Where(p => patientIds.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => p.FirstName + " " + p.LastName, ct);
        return open.GroupBy(e => e.CoursePlanId)
            .Select(g => new ReviewItem(g.First().PatientId, names[g.First().PatientId], g.Key, HoldRules.For(g, today, clinic.ExpectedEffectReviewDays)))
            .Where(i => i.Hold.NeedsReview)
            .OrderByDescending(i => i.Hold.IsOnHold).ThenBy(i => i.PatientName)
            .ToList();
    }
}
