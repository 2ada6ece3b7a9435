using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.Data;
using MicroNeedling.Clinic.Messaging;
using MicroNeedling.Clinic.Plans;
using MicroNeedling.Clinic.Settings;
using Microsoft.EntityFrameworkCore;

namespace MicroNeedling.Clinic.Recalls;

/// <summary>One line of the recall list: who is due for a maintenance sitting, whether the mail went, what they answered.</summary>
/// <param name="PlanId">The completed course: the line's key, also for courses completed before recalls existed.</param>
public sealed record RecallLine(
    int PlanId, int PatientId, string PatientName, string Phone, DateOnly DueOn, bool HasMail, OutboxStatus? MailStatus,
    DateTime? MailSentAtUtc, RecallAnswer Answer, string? AnswerNote, DateTime? AnsweredAtUtc, string? AnsweredBy);

public enum RecallFilter
{
    /// <summary>Due now or within the next 30 days, and not yet answered.</summary>
    Due = 0,
    Answered = 1,
    Upcoming = 2,
}

/// <summary>
/// The maintenance recall list. Every completed course with a maintenance date is on it (so are courses completed before
/// this list existed); <see cref="MaintenanceRecall"/> holds the recall mail queued at completion and the answer front
/// desk records.
/// </summary>
public sealed class RecallService(ClinicDbContext db, ClinicSettingsService settings, PatientMessages messages, ICurrentUser user, TimeProvider time)
{
    public const int DueSoonDays = 30;

    /// <summary>Queues the recall mail of a course just completed, due on its maintenance day, in the caller's transaction; saves.</summary>
    internal async Task AddAsync(int planId, int patientId, DateOnly dueOn, CancellationToken ct)
    {
        var mail = await messages.QueueRecallAsync(patientId, dueOn, ct);
        db.MaintenanceRecalls.Add(new MaintenanceRecall
        {
            CoursePlanId = planId,
            PatientId = patientId,
            DueOn = dueOn,
            OutboxMessageId = mail?.Id,
            CreatedAtUtc = time.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync(ct);
    }

    public async Task<IReadOnlyList<RecallLine>> ListAsync(RecallFilter filter, CancellationToken ct = default)
    {
        var today = ClinicTime.For((await settings.GetAsync(ct)).TimeZoneId).Today(time);
        var soon = today.AddDays(DueSoonDays);
        var lines =
            from plan in db.CoursePlans.AsNoTracking()
            where plan.Status == PlanStatus.Completed && plan.MaintenanceDueOn != null
            join patient in db.Patients on plan.PatientId equals patient.Id
            from recall in db.MaintenanceRecalls.Where(r => r.CoursePlanId == plan.Id).DefaultIfEmpty()
            from mail in db.OutboxMessages.Where(m => recall != null && m.Id == recall.OutboxMessageId).DefaultIfEmpty()
            select new
            {
                plan.Id,
                plan.PatientId,
                Name = patient.FirstName + " " + patient.LastName,
                patient.Phone,
                DueOn = plan.MaintenanceDueOn!.Value,
                MailId = recall == null ? null : recall.OutboxMessageId,
                MailStatus = mail == null ? (OutboxStatus?)null : mail.Status,
                MailSent = mail == null ? null : mail.SentAtUtc,
                Answer = recall == null ? RecallAnswer.None : recall.Answer,
                Note = recall == null ? null : recall.AnswerNote,
                AnsweredAt = recall == null ? null : recall.AnsweredAtUtc,
                AnsweredBy = recall == null ? null : recall.AnsweredBy,
            };
        lines = filter switch
        {
            RecallFilter.Answered => lines.Where(l => l.Answer != RecallAnswer.None).OrderByDescending(l => l.AnsweredAt),
            RecallFilter.Upcoming => lines.Where(l => l.Answer == RecallAnswer.None && l.DueOn > soon).OrderBy(l => l.DueOn),
            _ => lines.Where(l => l.Answer == RecallAnswer.None && l.DueOn <= soon).OrderBy(l => l.DueOn),
        };

        return (await lines.Take(500).ToListAsync(ct))
            .Select(l => new RecallLine(l.Id, l.PatientId, l.Name, l.Phone, l.DueOn, l.MailId != null, l.MailStatus, l.MailSent, l.Answer, l.Note, l.AnsweredAt, l.AnsweredBy))
            .ToList();
    }

    /// <summary>Records what the patient answered about the maintenance sitting of the completed course <paramref name="planId"/>.</summary>
    public async Task<ServiceResult> RecordAnswerAsync(int planId, RecallAnswer answer, string? note, CancellationToken ct = default)
    {
        if (!Enum.IsDefined(answer) || answer == RecallAnswer.None)
        {
            return ServiceResult.Fail("Answer", "Choose what the patient answered.");
        }

        if (note?.Trim().Length > 500)
        {
            return ServiceResult.Fail("Note", "The note can be at most 500 characters.");
        }

        var plan = await db.CoursePlans.AsNoTracking()
            .Where(p => p.Id == planId && p.Status == PlanStatus.Completed && p.MaintenanceDueOn != null)
            .Select(p => new { p.PatientId, DueOn = p.MaintenanceDueOn!.Value })
            .SingleOrDefaultAsync(ct);
        if (plan is null)
        {
            return ServiceResult.Fail("", "That course is not on the recall list.");
        }

        var recall = await db.MaintenanceRecalls.SingleOrDefaultAsync(r => r.CoursePlanId == planId, ct);
        if (recall is null)
        {
            // A course completed before recalls existed gets its row when it is first answered.
            recall = new MaintenanceRecall { CoursePlanId = planId, PatientId = plan.PatientId, DueOn = plan.DueOn, CreatedAtUtc = time.GetUtcNow().UtcDateTime };
            db.MaintenanceRecalls.Add(recall);
        }

        recall.Answer = answer;
        recall.AnswerNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        recall.AnsweredAtUtc = time.GetUtcNow().UtcDateTime;
        recall.AnsweredBy = user.UserName;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (ProviderDifferences.IsUniqueViolation(e))
        {
            return ServiceResult.Fail("", "Someone recorded an answer for this patient at the same moment. Reload the list.");
        }

        return ServiceResult.Ok();
    }
}
