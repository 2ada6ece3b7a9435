using System.Security.Cryptography;
using MicroNeedling.Clinic.Bookings;
using MicroNeedling.Clinic.CalendarFeeds;
using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.Data;
using MicroNeedling.Clinic.Patients;
using MicroNeedling.Clinic.Settings;
using Microsoft.EntityFrameworkCore;

namespace MicroNeedling.Clinic.Messaging;

/// <summary>
/// Queues the mails a change owes the patient, in the caller's transaction (the transactional outbox): the booking
/// and its mail commit together or not at all, and <see cref="OutboxDispatcher"/> sends them later. A patient who has
/// not opted in to that kind of mail, or has no e-mail address, gets none. Each method saves; the caller commits.
/// </summary>
public sealed class PatientMessages(ClinicDbContext db, ClinicSettingsService settings, MailOptions options, TimeProvider time)
{
    /// <summary>One confirmation for the bookings made together (a whole course is one mail with one .ics), and a reminder for each.</summary>
    public async Task QueueBookedAsync(IReadOnlyCollection<int> bookingIds, CancellationToken ct)
    {
        var bookings = await FactsAsync(bookingIds, ct);
        // Most patients get no mail: the facts say so, and nothing more is read or written for them.
        foreach (var patientBookings in bookings.Where(b => b.WantsAppointmentMail).GroupBy(b => b.PatientId))
        {
            if (await RecipientAsync(patientBookings.Key, MessageKind.Confirmation, ct) is not { } recipient)
            {
                continue;
            }

            var clinic = await settings.GetAsync(ct);
            var clock = ClinicTime.For(clinic.TimeZoneId);
            var ordered = patientBookings.OrderBy(b => b.StartUtc).ToList();
            var content = PatientMail.Confirmation(clinic, recipient.FirstName, ordered.Select(b => clock.ToLocal(b.StartUtc)).ToList(), UnsubscribeUrl(recipient));
            Add(MessageKind.Confirmation, recipient, content, ordered.Count == 1 ? ordered[0].Id : null, CalendarOf(clinic, ordered, "PUBLISH"));
            foreach (var booking in ordered)
            {
                AddReminder(clinic, clock, recipient, booking);
            }
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>A change notice with the updated event; the reminder queued for the old time is dropped and a new one queued.</summary>
    public async Task QueueMovedAsync(int bookingId, DateTime fromStartUtc, CancellationToken ct)
    {
        await DropRemindersAsync([bookingId], "The sitting was moved; a reminder for the new time replaces this one.", ct);
        var booking = (await FactsAsync([bookingId], ct)).Single();
        if (booking.WantsAppointmentMail && await RecipientAsync(booking.PatientId, MessageKind.Change, ct) is { } recipient)
        {
            var clinic = await settings.GetAsync(ct);
            var clock = ClinicTime.For(clinic.TimeZoneId);
            var content = PatientMail.Change(clinic, recipient.FirstName, clock.ToLocal(fromStartUtc), clock.ToLocal(booking.StartUtc), UnsubscribeUrl(recipient));
            Add(MessageKind.Change, recipient, content, booking.Id, CalendarOf(clinic, [booking], "PUBLISH"));
            AddReminder(clinic, clock, recipient, booking);
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>A cancellation notice for each booking, with the event cancelled; their reminders are dropped.</summary>
    public async Task QueueCancelledAsync(IReadOnlyCollection<int> bookingIds, CancellationToken ct)
    {
        await DropRemindersAsync(bookingIds, "The sitting was cancelled.", ct);

        foreach (var booking in (await FactsAsync(bookingIds, ct)).Where(b => b.WantsAppointmentMail))
        {
            if (await RecipientAsync(booking.PatientId, MessageKind.Cancellation, ct) is { } recipient)
            {
                var clinic = await settings.GetAsync(ct);
                var clock = ClinicTime.For(clinic.TimeZoneId);
                var content = PatientMail.Cancellation(clinic, recipient.FirstName, clock.ToLocal(booking.StartUtc), UnsubscribeUrl(recipient));
                Add(MessageKind.Cancellation, recipient, content, booking.Id, CalendarOf(clinic, [booking with { Cancelled = true }], "CANCEL"));
            }
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>The aftercare sheet, after a completed sitting.</summary>
    public async Task QueueAftercareAsync(int bookingId, int patientId, CancellationToken ct)
    {
        if (await RecipientAsync(patientId, MessageKind.Aftercare, ct) is { } recipient)
        {
            var clinic = await settings.GetAsync(ct);
            Add(MessageKind.Aftercare, recipient, PatientMail.Aftercare(clinic, recipient.FirstName, UnsubscribeUrl(recipient)), bookingId, null);
            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>The maintenance recall, due on <paramref name="dueOn"/> at 09:00 in the clinic; null when the patient gets no recall mail.</summary>
    public async Task<OutboxMessage?> QueueRecallAsync(int patientId, DateOnly dueOn, CancellationToken ct)
    {
        if (await RecipientAsync(patientId, MessageKind.Recall, ct) is not { } recipient)
        {
            return null;
        }

        var clinic = await settings.GetAsync(ct);
        // 09:00 exists on every day in every zone the clinic can choose; a gap would fall back to 09:00 UTC.
        var due = ClinicTime.For(clinic.TimeZoneId).ToUtc(dueOn, new TimeOnly(9, 0)).Utc ?? dueOn.ToDateTime(new TimeOnly(9, 0), DateTimeKind.Utc);
        var message = Add(MessageKind.Recall, recipient, PatientMail.Recall(clinic, recipient.FirstName, UnsubscribeUrl(recipient)), null, null, due);
        await db.SaveChangesAsync(ct);
        return message;
    }

    /// <summary>Offers a freed slot to a waitlisted patient; false when the patient gets no appointment mail.</summary>
    public async Task<bool> QueueSlotOfferAsync(int patientId, DateTime startUtc, CancellationToken ct)
    {
        if (await RecipientAsync(patientId, MessageKind.SlotOffer, ct) is not { } recipient)
        {
            return false;
        }

        var clinic = await settings.GetAsync(ct);
        var content = PatientMail.SlotOffer(clinic, recipient.FirstName, ClinicTime.For(clinic.TimeZoneId).ToLocal(startUtc), UnsubscribeUrl(recipient));
        Add(MessageKind.SlotOffer, recipient, content, null, null);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>Whether the patient wants this kind of mail and has an address for it.</summary>
    public static bool Wants(Patient patient, MessageKind kind) =>
        !string.IsNullOrWhiteSpace(patient.Email) && (kind == MessageKind.Recall ? patient.RecallEmails : patient.AppointmentEmails);

    /// <summary>A new unsubscribe token: 256 random bits, URL-safe.</summary>
    public static string NewToken() => Base64Url(RandomNumberGenerator.GetBytes(32));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private string UnsubscribeUrl(Patient patient) => $"{options.PublicBaseUrl.TrimEnd('/')}/Unsubscribe/{patient.ContactToken}";

    private async Task<Patient?> RecipientAsync(int patientId, MessageKind kind, CancellationToken ct)
    {
        var patient = await db.Patients.SingleAsync(p => p.Id == patientId, ct);
        if (!Wants(patient, kind))
        {
            return null;
        }

        patient.ContactToken ??= NewToken();
        return patient;
    }

    private OutboxMessage Add(MessageKind kind, Patient to, MailContent content, int? bookingId, string? calendar, DateTime? dueAtUtc = null, DateTime? forStartUtc = null)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var due = dueAtUtc ?? now;
        var message = new OutboxMessage
        {
            Kind = kind,
            PatientId = to.Id,
            BookingId = bookingId,
            ForStartUtc = forStartUtc,
            ToAddress = to.Email!,
            Subject = content.Subject,
            TextBody = content.Text,
            HtmlBody = content.Html,
            Calendar = calendar,
            MessageId = $"{Guid.NewGuid():N}@{MessageIdDomain()}",
            UnsubscribeToken = to.ContactToken,
            CreatedAtUtc = now,
            DueAtUtc = due,
            NextAttemptAtUtc = due,
            Status = OutboxStatus.Pending,
        };
        db.OutboxMessages.Add(message);
        return message;
    }

    private void AddReminder(ClinicSettings clinic, ClinicTime clock, Patient to, BookingFacts booking)
    {
        var due = booking.StartUtc.AddHours(-clinic.ReminderHoursBefore);
        // Booked inside the reminder window: the confirmation is the reminder.
        if (clinic.ReminderHoursBefore <= 0 || due <= time.GetUtcNow().UtcDateTime)
        {
            return;
        }

        var content = PatientMail.Reminder(clinic, to.FirstName, clock.ToLocal(booking.StartUtc), UnsubscribeUrl(to));
        Add(MessageKind.Reminder, to, content, booking.Id, null, due, booking.StartUtc);
    }

    private async Task DropRemindersAsync(IReadOnlyCollection<int> bookingIds, string why, CancellationToken ct)
    {
        var pending = await db.OutboxMessages
            .Where(m => m.BookingId != null && bookingIds.Contains(m.BookingId.Value) && m.Kind == MessageKind.Reminder && m.Status == OutboxStatus.Pending)
            .ToListAsync(ct);
        foreach (var reminder in pending)
        {
            reminder.Status = OutboxStatus.Skipped;
            reminder.LastError = why;
        }
    }

    private string MessageIdDomain() =>
        Uri.TryCreate(options.PublicBaseUrl, UriKind.Absolute, out var uri) && uri.Host.Length > 0 ? uri.Host : "microneedling.local";

    private static string CalendarOf(ClinicSettings clinic, IEnumerable<BookingFacts> bookings, string method) =>
        SittingCalendar.Write(clinic.TimeZoneId, bookings.Select(b => new SittingEvent(
            b.Id, b.StartUtc, b.EndUtc, SittingCalendar.SequenceOf(b.HistoryCount), b.Cancelled,
            $"Appointment at {clinic.ClinicName}",
            clinic.ClinicAddress.Length > 0 ? clinic.ClinicAddress.ReplaceLineEndings(", ") : null,
            clinic.ClinicPhone.Length > 0 ? $"To change or cancel, call {clinic.ClinicPhone}." : null)), method);

    private sealed record BookingFacts(int Id, int PatientId, DateTime StartUtc, DateTime EndUtc, int HistoryCount, bool Cancelled, bool WantsAppointmentMail);

    private Task<List<BookingFacts>> FactsAsync(IReadOnlyCollection<int> bookingIds, CancellationToken ct) =>
        (from b in db.Bookings.AsNoTracking()
         join p in db.Patients on b.PatientId equals p.Id
         where bookingIds.Contains(b.Id)
         select new BookingFacts(b.Id, b.PatientId, b.StartUtc, b.EndUtc, b.History.Count, b.Status == BookingStatus.Cancelled, p.Email != null && p.AppointmentEmails))
        .ToListAsync(ct);
}
