using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.Data;
using MicroNeedling.Clinic.Messaging;
using MicroNeedling.Clinic.Settings;
using Microsoft.EntityFrameworkCore;

namespace MicroNeedling.Clinic.Recalls;

/// <summary>One line of the recall list: who is due for a maintenance sitting, whether the mail went, what they answered.</summary>
public sealed record RecallLine(
    int Id, int PatientId, string PatientName, string Phone, int PlanId, DateOnly DueOn, bool HasMail, OutboxStatus? MailStatus,
    DateTime? MailSentAtUtc, RecallAnswer Answer, string? AnswerNote, DateTime? AnsweredAtUtc, string? AnsweredBy);

public enum RecallFilter
{
    /// <summary>Due now or within the next 30 days, and not yet answered.</summary>
    Due = 0,
    Answered = 1,
    Upcoming = 2,
}

/// <summary>The maintenance recall list: a completed course puts its patient on it, front desk works through it.</summary>
public sealed class RecallService(ClinicDbContext db, ClinicSettingsService settings, PatientMessages messages, ICurrentUser user, TimeProvider time)
{
    public const int DueSoonDays = 30;

    /// <summary>Puts a completed course on the list, with its mail due that day, in the caller's transaction; saves.</summary>
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
        var recalls = db.MaintenanceRecalls.AsNoTracking();
        recalls = filter switch
        {
            RecallFilter.Answered => recalls.Where(r => r.Answer != RecallAnswer.None),
            RecallFilter.Upcoming => recalls.Where(r => r.Answer == RecallAnswer.None && r.DueOn > soon),
            _ => recalls.Where(r => r.Answer == RecallAnswer.None && r.DueOn <= soon),
        };

        var ordered = filter == RecallFilter.Answered ? recalls.OrderByDescending(r => r.AnsweredAtUtc) : recalls.OrderBy(r => r.DueOn);
        return await ordered.Take(500)
            .Select(r => new RecallLine(
                r.Id, r.PatientId,
                db.Patients.Where(p => p.Id == r.PatientId).Select(p => p.FirstName + " " + p.LastName).Single(),
                db.Patients.Where(p => p.Id == r.PatientId).Select(p => p.Phone).Single(),
                r.CoursePlanId, r.DueOn, r.OutboxMessageId != null,
                db.OutboxMessages.Where(m => m.Id == r.OutboxMessageId).Select(m => (OutboxStatus?)m.Status).FirstOrDefault(),
                db.OutboxMessages.Where(m => m.Id == r.OutboxMessageId).Select(m => m.SentAtUtc).FirstOrDefault(),
                r.Answer, r.AnswerNote, r.AnsweredAtUtc, r.AnsweredBy))
            .ToListAsync(ct);
    }

    public async Task<ServiceResult> RecordAnswerAsync(int recallId, RecallAnswer answer, string? note, CancellationToken ct = default)
    {
        if (!Enum.IsDefined(answer) || answer == RecallAnswer.None)
        {
            return ServiceResult.Fail("Answer", "Choose what the patient answered.");
        }

        if (note?.Trim().Length > 500)
        {
            return ServiceResult.Fail("Note", "The note can be at most 500 characters.");
        }

        var recall = await db.MaintenanceRecalls.SingleOrDefaultAsync(r => r.Id == recallId, ct);
        if (recall is null)
        {
            return ServiceResult.Fail("", "That recall does not exist.");
        }

        recall.Answer = answer;
        recall.AnswerNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        recall.AnsweredAtUtc = time.GetUtcNow().UtcDateTime;
        recall.AnsweredBy = user.UserName;
        await db.SaveChangesAsync(ct);
        return ServiceResult.Ok();
    }
}
