using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.Data;
using Microsoft.EntityFrameworkCore;

namespace MicroNeedling.Clinic.Messaging;

public sealed record OutboxLine(
    int Id, MessageKind Kind, string ToAddress, string Subject, OutboxStatus Status, int Attempts, DateTime CreatedAtUtc,
    DateTime DueAtUtc, DateTime NextAttemptAtUtc, DateTime? SentAtUtc, string? LastError, string? ResentBy, int PatientId)
{
    public bool CanResend => OutboxService.CanResend(Status);

    /// <summary>
    /// The address as the admin's page shows it: the first two characters and the domain ("an…@example.com"). Enough to
    /// tell messages apart and spot a mistyped domain; the admin does not otherwise see patients' details.
    /// </summary>
    public string MaskedAddress => ToAddress.IndexOf('@', StringComparison.Ordinal) is var at and > 0
        ? ToAddress[..Math.Min(2, at)] + "…" + ToAddress[at..]
        : "…";
}

/// <summary>A mail about one booking, as the booking page lists it: what, and where it stands; no address, no content.</summary>
public sealed record BookingMail(MessageKind Kind, OutboxStatus Status, DateTime DueAtUtc, DateTime? SentAtUtc);

public sealed record OutboxCounts(int Waiting, int Sent, int Failed, int NotSent, int Unconfirmed);

/// <summary>The administrator's view of the outbox: what went, what failed and why, and a resend.</summary>
public sealed class OutboxService(ClinicDbContext db, ICurrentUser user, TimeProvider time)
{
    public const int PageSize = 100;

    /// <summary>Failed and unconfirmed messages can be sent again; a message skipped on purpose (a stale reminder) cannot.</summary>
    public static bool CanResend(OutboxStatus status) => status is OutboxStatus.Failed or OutboxStatus.Unconfirmed;

    public async Task<OutboxCounts> CountsAsync(CancellationToken ct = default)
    {
        var counts = await db.OutboxMessages.AsNoTracking().GroupBy(m => m.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() }).ToListAsync(ct);
        int Of(params OutboxStatus[] statuses) => counts.Where(c => statuses.Contains(c.Status)).Sum(c => c.Count);
        return new OutboxCounts(Of(OutboxStatus.Pending, OutboxStatus.Sending), Of(OutboxStatus.Sent), Of(OutboxStatus.Failed), Of(OutboxStatus.Skipped), Of(OutboxStatus.Unconfirmed));
    }

    /// <summary>The newest messages first, optionally of one status; <paramref name="page"/> counts from 1.</summary>
    public async Task<IReadOnlyList<OutboxLine>> ListAsync(OutboxStatus? status, int page, CancellationToken ct = default)
    {
        var query = db.OutboxMessages.AsNoTracking();
        if (status is { } only)
        {
            query = query.Where(m => m.Status == only);
        }

        return await query.OrderByDescending(m => m.Id).Skip((Math.Max(page, 1) - 1) * PageSize).Take(PageSize)
            .Select(m => new OutboxLine(m.Id, m.Kind, m.ToAddress, m.Subject, m.Status, m.Attempts, m.CreatedAtUtc, m.DueAtUtc,
                m.NextAttemptAtUtc, m.SentAtUtc, m.LastError, m.ResentBy, m.PatientId))
            .ToListAsync(ct);
    }

    /// <summary>The mails about one booking, oldest first, so front desk can tell a patient what was sent and when.</summary>
    public async Task<IReadOnlyList<BookingMail>> ForBookingAsync(int bookingId, CancellationToken ct = default) =>
        await db.OutboxMessages.AsNoTracking().Where(m => m.BookingId == bookingId).OrderBy(m => m.Id)
            .Select(m => new BookingMail(m.Kind, m.Status, m.DueAtUtc, m.SentAtUtc)).ToListAsync(ct);

    /// <summary>Puts a failed or unconfirmed message back in line, now, with a fresh count of attempts.</summary>
    public async Task<ServiceResult> ResendAsync(int id, CancellationToken ct = default)
    {
        await using var transaction = await db.Database.BeginWriteTransactionAsync(ct);
        var message = await db.OutboxMessages.SingleOrDefaultAsync(m => m.Id == id, ct);
        if (message is null)
        {
            return ServiceResult.Fail("", "That message does not exist.");
        }

        if (!CanResend(message.Status))
        {
            return ServiceResult.Fail("", $"This message is {FlagsList.DisplayName(message.Status).ToLowerInvariant()}; only a failed or unconfirmed message can be sent again.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        message.Status = OutboxStatus.Pending;
        message.Attempts = 0;
        message.NextAttemptAtUtc = now;
        message.ClaimToken = null;
        message.ClaimedUntilUtc = null;
        message.LastError = null;
        message.ResentBy = $"{user.UserName} at {now:yyyy-MM-dd HH:mm} UTC";
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return ServiceResult.Ok();
    }
}
