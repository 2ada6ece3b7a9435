using System.ComponentModel.DataAnnotations;

namespace MicroNeedling.Clinic.Messaging;

public enum MessageKind
{
    [Display(Name = "Booking confirmation")] Confirmation = 0,
    [Display(Name = "Change notice")] Change = 1,
    [Display(Name = "Cancellation notice")] Cancellation = 2,
    [Display(Name = "Reminder")] Reminder = 3,
    [Display(Name = "Aftercare sheet")] Aftercare = 4,
    [Display(Name = "Maintenance recall")] Recall = 5,
    [Display(Name = "Slot offer")] SlotOffer = 6,
}

public enum OutboxStatus
{
    /// <summary>Waiting for its time, or for its next attempt after a failure.</summary>
    [Display(Name = "Waiting")] Pending = 0,

    /// <summary>Claimed by one dispatcher, which is talking to the mail server now.</summary>
    [Display(Name = "Sending")] Sending = 1,

    [Display(Name = "Sent")] Sent = 2,

    /// <summary>Every attempt failed, or the mail server refused it for good.</summary>
    [Display(Name = "Failed")] Failed = 3,

    /// <summary>Not sent on purpose: the sitting moved or was cancelled, or the patient unsubscribed.</summary>
    [Display(Name = "Not sent")] Skipped = 4,

    /// <summary>
    /// The app stopped while this message was with the mail server, so nobody knows whether it went out. It is not sent
    /// again by itself (it may have been delivered); an administrator checks and resends.
    /// </summary>
    [Display(Name = "Unconfirmed")] Unconfirmed = 5,
}

/// <summary>
/// One e-mail to a patient, written in the same transaction as the change it tells about (the transactional outbox) and
/// sent later by <see cref="OutboxDispatcher"/>. The content is rendered when the message is queued, so what goes out
/// is what was true when it was written; only a reminder is checked again before sending.
/// </summary>
public sealed class OutboxMessage
{
    public int Id { get; set; }

    public MessageKind Kind { get; set; }

    public int PatientId { get; set; }

    public int? BookingId { get; set; }

    /// <summary>For a reminder: the start it reminds of. A booking moved or cancelled since makes it stale.</summary>
    public DateTime? ForStartUtc { get; set; }

    public string ToAddress { get; set; } = "";

    public string Subject { get; set; } = "";

    public string TextBody { get; set; } = "";

    public string HtmlBody { get; set; } = "";

    /// <summary>An iCalendar attachment (text/calendar), or null.</summary>
    public string? Calendar { get; set; }

    /// <summary>The Message-ID header, fixed when queued, so a resend after an unconfirmed attempt is recognisably the same mail.</summary>
    public string MessageId { get; set; } = "";

    /// <summary>The unsubscribe link's token, copied from the patient when queued.</summary>
    public string? UnsubscribeToken { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    /// <summary>Not sent before this instant (a reminder: the start less the reminder hours; a recall: its day).</summary>
    public DateTime DueAtUtc { get; set; }

    public OutboxStatus Status { get; set; }

    public int Attempts { get; set; }

    public DateTime NextAttemptAtUtc { get; set; }

    /// <summary>The dispatcher that claimed it; only that one may record the outcome.</summary>
    public Guid? ClaimToken { get; set; }

    /// <summary>A claim not finished by then belongs to a dispatcher that died mid-send.</summary>
    public DateTime? ClaimedUntilUtc { get; set; }

    public DateTime? SentAtUtc { get; set; }

    /// <summary>Why the last attempt failed or why it was not sent; never patient details.</summary>
    public string? LastError { get; set; }

    public string? ResentBy { get; set; }
}
