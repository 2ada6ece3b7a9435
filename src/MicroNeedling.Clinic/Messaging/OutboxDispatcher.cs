using MicroNeedling.Clinic.Bookings;
using MicroNeedling.Clinic.Data;
using MicroNeedling.Clinic.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace MicroNeedling.Clinic.Messaging;

/// <summary>
/// Sends what the outbox holds, one message at a time: claim it (a committed claim with a lease, so two app instances
/// never take the same one: on PostgreSQL <c>FOR UPDATE SKIP LOCKED</c>, on SQLite the write lock), hand it to the mail
/// server, record the outcome. A failure the server may get over is retried with back-off; a refusal for good, or too
/// many attempts, is recorded as failed with the reason. A claim whose lease ran out belongs to an app that stopped
/// mid-send: that message is marked unconfirmed, not sent again, so no patient gets a mail twice (ADR 0021).
/// </summary>
public sealed partial class OutboxDispatcher(ClinicDbContext db, ClinicSettingsService settings, MailOptions options, TimeProvider time, ILogger<OutboxDispatcher> log)
{
    /// <summary>Sends up to <paramref name="max"/> due messages; returns how many were handled (sent, skipped or failed).</summary>
    public async Task<int> SendDueAsync(IMailTransport transport, int max, CancellationToken ct)
    {
        await MarkAbandonedClaimsAsync(ct);
        var handled = 0;
        IMailSession? session = null;
        try
        {
            while (handled < max && await ClaimNextAsync(ct) is { } claim)
            {
                handled++;
                if (await StaleReasonAsync(claim, ct) is { } reason)
                {
                    await FinishAsync(claim, OutboxStatus.Skipped, reason, ct);
                    continue;
                }

                MimeKit.MimeMessage mail;
                try
                {
                    mail = OutboxMime.Build(claim, (await settings.GetAsync(ct)).ClinicName, options);
                }
                catch (MimeKit.ParseException)
                {
                    // The address passed the form's check but is not one a mail server takes (a comma, a quote…).
                    await FinishAsync(claim, OutboxStatus.Failed, "The patient's e-mail address cannot be used. Correct it on the patient's page, then send again.", ct);
                    continue;
                }

                try
                {
                    session ??= await transport.OpenAsync(ct);
                    await session.SendAsync(mail, ct);
                }
                catch (MailDeliveryException e)
                {
                    await RecordFailureAsync(claim, e, ct);
                    if (!e.Permanent)
                    {
                        // The server is unreachable or busy: the rest wait for their own next attempt.
                        break;
                    }

                    continue;
                }

                await FinishAsync(claim, OutboxStatus.Sent, null, ct);
            }
        }
        finally
        {
            if (session is not null)
            {
                await session.DisposeAsync();
            }
        }

        return handled;
    }

    /// <summary>The wait before attempt <paramref name="attempt"/> + 1: 30 s, 1 min, 2 min … capped at 2 h.</summary>
    public static TimeSpan BackOff(int attempt) =>
        TimeSpan.FromSeconds(Math.Min(30 * Math.Pow(2, Math.Max(0, attempt - 1)), TimeSpan.FromHours(2).TotalSeconds));

    private async Task<OutboxMessage?> ClaimNextAsync(CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var now = Now;
        OutboxMessage? message;
        if (db.Database.IsNpgsql())
        {
            // Row locks, not the app's write lock: instances skip each other's claimed rows instead of queueing for them.
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            message = await db.OutboxMessages.FromSql(
                    $"""SELECT * FROM "OutboxMessages" WHERE "Status" = {(int)OutboxStatus.Pending} AND "NextAttemptAtUtc" <= {now} ORDER BY "NextAttemptAtUtc", "Id" LIMIT 1 FOR UPDATE SKIP LOCKED""")
                .SingleOrDefaultAsync(ct);
            if (message is not null)
            {
                Claim(message, now);
                await db.SaveChangesAsync(ct);
            }

            await transaction.CommitAsync(ct);
        }
        else
        {
            // An idle outbox must not take SQLite's one write lock every few seconds: look first, lock only when there is work.
            if (!await db.OutboxMessages.AnyAsync(m => m.Status == OutboxStatus.Pending && m.NextAttemptAtUtc <= now, ct))
            {
                return null;
            }

            await using var transaction = await db.Database.BeginWriteTransactionAsync(ct);
            message = await db.OutboxMessages
                .Where(m => m.Status == OutboxStatus.Pending && m.NextAttemptAtUtc <= now)
                .OrderBy(m => m.NextAttemptAtUtc).ThenBy(m => m.Id)
                .FirstOrDefaultAsync(ct);
            if (message is not null)
            {
                Claim(message, now);
                await db.SaveChangesAsync(ct);
            }

            await transaction.CommitAsync(ct);
        }

        return message;
    }

    private void Claim(OutboxMessage message, DateTime now)
    {
        message.Status = OutboxStatus.Sending;
        message.ClaimToken = Guid.NewGuid();
        message.ClaimedUntilUtc = now + options.Lease;
        message.Attempts++;
    }

    /// <summary>Why this message must not go out now, or null. Asked after the claim, so a change committed before it counts.</summary>
    private async Task<string?> StaleReasonAsync(OutboxMessage message, CancellationToken ct)
    {
        var patient = await db.Patients.AsNoTracking().SingleAsync(p => p.Id == message.PatientId, ct);
        if (!PatientMessages.Wants(patient, message.Kind))
        {
            return "The patient has since unsubscribed or removed their e-mail address.";
        }

        // Patients correct a mistyped address; the mail goes to the one on record now.
        message.ToAddress = patient.Email!.Trim();
        if (message.Kind != MessageKind.Reminder)
        {
            return null;
        }

        var booking = await db.Bookings.AsNoTracking().SingleOrDefaultAsync(b => b.Id == message.BookingId, ct);
        if (booking is null || booking.Status != BookingStatus.Booked || booking.StartUtc != message.ForStartUtc)
        {
            return "The sitting was moved or cancelled after this reminder was queued.";
        }

        return booking.StartUtc <= Now ? "The sitting's time has passed." : null;
    }

    private async Task RecordFailureAsync(OutboxMessage claim, MailDeliveryException e, CancellationToken ct)
    {
        // A server's answer may quote the recipient ("<anna@…>: mailbox unavailable"): addresses are taken out of what is
        // kept and logged, so neither the log nor the admin's page holds a patient's address through an error.
        var reason = Shorten(WithoutAddresses(e.Message));
        log.LogWarning("Outbox message {MessageId} attempt {Attempt} failed ({Kind}).", claim.Id, claim.Attempts, e.Permanent ? "refused" : "will retry");
        var giveUp = e.Permanent || claim.Attempts >= options.MaxAttempts;
        await FinishAsync(claim, giveUp ? OutboxStatus.Failed : OutboxStatus.Pending, reason, ct);
    }

    /// <summary>Any e-mail address in <paramref name="text"/> replaced by "(address)".</summary>
    public static string WithoutAddresses(string text) => EmailAddress().Replace(text, "(address)");

    [System.Text.RegularExpressions.GeneratedRegex(@"[^\s<>""'@,;:]+@[^\s<>""',;:]+")]
    private static partial System.Text.RegularExpressions.Regex EmailAddress();

    /// <summary>Records the outcome, if this dispatcher still holds the claim.</summary>
    private async Task FinishAsync(OutboxMessage claim, OutboxStatus status, string? reason, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginWriteTransactionAsync(ct);
        var message = await db.OutboxMessages.SingleAsync(m => m.Id == claim.Id, ct);
        if (message.ClaimToken != claim.ClaimToken)
        {
            return;
        }

        var now = Now;
        message.Status = status;
        message.LastError = reason;
        message.ToAddress = claim.ToAddress;
        message.ClaimToken = null;
        message.ClaimedUntilUtc = null;
        if (status == OutboxStatus.Sent)
        {
            message.SentAtUtc = now;
        }
        else if (status == OutboxStatus.Pending)
        {
            message.NextAttemptAtUtc = now + BackOff(message.Attempts);
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    private async Task MarkAbandonedClaimsAsync(CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var now = Now;
        if (!await db.OutboxMessages.AnyAsync(m => m.Status == OutboxStatus.Sending && m.ClaimedUntilUtc < now, ct))
        {
            return;
        }

        await using var transaction = await db.Database.BeginWriteTransactionAsync(ct);
        var abandoned = await db.OutboxMessages
            .Where(m => m.Status == OutboxStatus.Sending && m.ClaimedUntilUtc < now)
            .ToListAsync(ct);
        foreach (var message in abandoned)
        {
            // The claim token stays: should the old dispatcher still be alive and finish, it records the truth.
            message.Status = OutboxStatus.Unconfirmed;
            message.LastError = "The app stopped while sending this message, so it may or may not have been delivered. Check with the patient, then resend if needed.";
            log.LogWarning("Outbox message {MessageId} was abandoned mid-send and is marked unconfirmed.", message.Id);
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    private static string Shorten(string reason) => reason.Length <= 1000 ? reason : reason[..997] + "...";
}
