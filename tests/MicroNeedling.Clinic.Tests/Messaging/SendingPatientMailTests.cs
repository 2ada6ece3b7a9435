using MicroNeedling.Clinic.Bookings;
using MicroNeedling.Clinic.Messaging;
using MicroNeedling.Clinic.Tests.Support;
using MicroNeedling.Tests;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace MicroNeedling.Clinic.Tests.Messaging;

/// <summary>
/// The transactional outbox end to end on both engines: the booking services queue mail in their own transaction, and
/// the dispatcher sends it with MailKit over real SMTP to an in-process server (<see cref="TestSmtpServer"/>).
/// </summary>
public sealed class SendingPatientMailTests : IAsyncLifetime
{
    private MailingClinic clinic = default!;
    private TestSmtpServer smtp = default!;

    public async Task InitializeAsync()
    {
        clinic = await MailingClinic.OpenAsync();
        smtp = TestSmtpServer.Start();
    }

    public async Task DisposeAsync()
    {
        await smtp.DisposeAsync();
        clinic.Dispose();
    }

    private ClinicTestHost Host => clinic.Host;

    [Fact]
    public async Task Booking_queues_a_confirmation_and_a_reminder_48_hours_before_with_the_minimum_necessary()
    {
        var plan = await clinic.PatientWithCourseAsync();
        var bookingId = await clinic.BookedAsync(plan, 1, "2026-03-13", "10:00");

        var outbox = await clinic.OutboxAsync();
        Assert.Equal([MessageKind.Confirmation, MessageKind.Reminder], outbox.Select(m => m.Kind));
        var confirmation = outbox[0];
        Assert.Equal("anna@example.com", confirmation.ToAddress);
        Assert.Equal(bookingId, confirmation.BookingId);
        Assert.Contains("Dear Anna,", confirmation.TextBody);
        Assert.Contains("Friday 13 March 2026 at 10:00", confirmation.TextBody);
        Assert.Contains(MailingClinic.Phone, confirmation.TextBody);
        Assert.Contains("come without make-up", confirmation.TextBody, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("https://clinic.test/Unsubscribe/", confirmation.TextBody);
        foreach (var message in outbox)
        {
            // First name only; never the surname, a screening answer or the treatment's clinical detail.
            Assert.DoesNotContain("Smith", message.TextBody + message.HtmlBody + message.Subject + message.Calendar);
            Assert.DoesNotContain("needl", message.TextBody + message.HtmlBody + message.Subject, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("screen", message.TextBody + message.HtmlBody, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Contains("TZID=Europe/London", confirmation.Calendar);
        Assert.Contains("UID:booking-" + bookingId + "@microneedling", confirmation.Calendar);
        var reminder = outbox[1];
        Assert.Equal(new DateTime(2026, 3, 11, 10, 0, 0, DateTimeKind.Utc), reminder.DueAtUtc);
        Assert.Equal(new DateTime(2026, 3, 13, 10, 0, 0, DateTimeKind.Utc), reminder.ForStartUtc);
    }

    [Fact]
    public async Task A_patient_who_did_not_opt_in_gets_no_mail_and_a_refused_booking_queues_none()
    {
        var quiet = await clinic.PatientWithCourseAsync("Bea", appointmentEmails: false);
        await clinic.BookedAsync(quiet, 1, "2026-03-13", "10:00");
        var keen = await clinic.PatientWithCourseAsync("Cleo");
        var refused = await clinic.BookAsync(keen, 1, "2026-03-13", "10:00"); // the room and clinician are taken
        Assert.False(refused.Succeeded);

        Assert.Empty(await clinic.OutboxAsync());
    }

    [Fact]
    public async Task The_dispatcher_sends_each_due_message_once_over_smtp_with_text_html_calendar_and_unsubscribe_header()
    {
        var plan = await clinic.PatientWithCourseAsync();
        await clinic.BookedAsync(plan, 1, "2026-03-13", "10:00");

        Assert.Equal(1, await clinic.SendDueAsync(smtp.Port)); // the reminder is not due yet
        Assert.Equal(0, await clinic.SendDueAsync(smtp.Port));

        var mail = Assert.Single(await smtp.WaitForAsync(1));
        var confirmation = (await clinic.OutboxAsync())[0];
        Assert.Equal(OutboxStatus.Sent, confirmation.Status);
        Assert.Equal(Host.UtcNow, confirmation.SentAtUtc);
        Assert.Equal(confirmation.MessageId, mail.MessageId);
        Assert.Equal("anna@example.com", mail.To.Mailboxes.Single().Address);
        Assert.Equal("Skin Studio", mail.From.Mailboxes.Single().Name);
        Assert.Contains("Friday 13 March 2026 at 10:00", mail.TextBody);
        Assert.Contains("<p>Dear Anna,</p>", mail.HtmlBody);
        Assert.Equal($"<https://clinic.test/Unsubscribe/{confirmation.UnsubscribeToken}>", mail.Headers[HeaderId.ListUnsubscribe]);
        var calendar = Assert.Single(mail.Attachments.OfType<MimePart>());
        Assert.Equal("text/calendar", calendar.ContentType.MimeType);
        Assert.Equal("appointment.ics", calendar.FileName);
    }

    [Fact]
    public async Task A_moved_sitting_gets_a_change_notice_and_its_old_reminder_is_never_sent()
    {
        var plan = await clinic.PatientWithCourseAsync();
        var bookingId = await clinic.BookedAsync(plan, 1, "2026-03-13", "10:00");
        Assert.True((await clinic.MoveAsync(bookingId, "2026-03-16", "14:00")).Succeeded);

        Host.Clock.Advance(TimeSpan.FromDays(1)); // past the old reminder's time (11 March 10:00)
        await clinic.SendDueAsync(smtp.Port);
        var outbox = await clinic.OutboxAsync();
        Assert.Equal(
            [(MessageKind.Confirmation, OutboxStatus.Sent), (MessageKind.Reminder, OutboxStatus.Skipped), (MessageKind.Change, OutboxStatus.Sent), (MessageKind.Reminder, OutboxStatus.Pending)],
            outbox.Select(m => (m.Kind, m.Status)));
        var change = outbox[2];
        Assert.Contains("Friday 13 March 2026 at 10:00", change.TextBody);
        Assert.Contains("Monday 16 March 2026 at 14:00", change.TextBody);
        Assert.Contains("SEQUENCE:1", change.Calendar);

        Host.Clock.Advance(TimeSpan.FromDays(3)); // 14 March 10:00: the new reminder (due 14 March 14:00) is not due yet
        Assert.Equal(0, await clinic.SendDueAsync(smtp.Port));
        Host.Clock.Advance(TimeSpan.FromHours(4));
        Assert.Equal(1, await clinic.SendDueAsync(smtp.Port));
        var received = await smtp.WaitForAsync(3);
        Assert.Equal(3, received.Count);
        Assert.Contains("Monday 16 March 2026 at 14:00", received[2].TextBody);
        Assert.StartsWith("Reminder:", received[2].Subject);
    }

    [Fact]
    public async Task A_cancelled_sitting_gets_a_cancellation_with_the_event_cancelled_and_no_reminder()
    {
        var plan = await clinic.PatientWithCourseAsync();
        var bookingId = await clinic.BookedAsync(plan, 1, "2026-03-13", "10:00");
        Assert.True((await clinic.CancelAsync(bookingId)).Succeeded);

        Host.Clock.Advance(TimeSpan.FromDays(2));
        await clinic.SendDueAsync(smtp.Port);
        var outbox = await clinic.OutboxAsync();
        Assert.Equal(
            [(MessageKind.Confirmation, OutboxStatus.Sent), (MessageKind.Reminder, OutboxStatus.Skipped), (MessageKind.Cancellation, OutboxStatus.Sent)],
            outbox.Select(m => (m.Kind, m.Status)));
        Assert.DoesNotContain("unwell", outbox[2].TextBody); // the reason stays in the clinic
        Assert.Contains("METHOD:CANCEL", outbox[2].Calendar);
        Assert.Contains("STATUS:CANCELLED", outbox[2].Calendar);
        var cancellation = (await smtp.WaitForAsync(2))[1];
        Assert.Equal("CANCEL", cancellation.Attachments.OfType<MimePart>().Single().ContentType.Parameters["method"]);
    }

    [Fact]
    public async Task A_reminder_whose_sitting_changed_by_any_path_is_checked_again_when_due_and_not_sent()
    {
        var plan = await clinic.PatientWithCourseAsync();
        var bookingId = await clinic.BookedAsync(plan, 1, "2026-03-13", "10:00");
        // A path that does not drop reminders itself (ending a course closes its bookings in bulk).
        await Host.QueryAsync(db => db.Bookings.Where(b => b.Id == bookingId).ExecuteUpdateAsync(u => u.SetProperty(b => b.Status, BookingStatus.Cancelled)));

        Host.Clock.Advance(TimeSpan.FromDays(2));
        await clinic.SendDueAsync(smtp.Port);
        var reminder = (await clinic.OutboxAsync()).Single(m => m.Kind == MessageKind.Reminder);
        Assert.Equal(OutboxStatus.Skipped, reminder.Status);
        Assert.Contains("moved or cancelled", reminder.LastError);
        Assert.Single(await smtp.WaitForAsync(1, TimeSpan.FromMilliseconds(300)));
    }

    [Fact]
    public async Task With_the_server_down_a_message_waits_and_is_retried_with_back_off_then_sent()
    {
        var plan = await clinic.PatientWithCourseAsync();
        await clinic.BookedAsync(plan, 1, "2026-03-13", "10:00");

        await clinic.SendDueAsync(TestSmtpServer.FreePort());
        var waiting = (await clinic.OutboxAsync())[0];
        Assert.Equal((OutboxStatus.Pending, 1), (waiting.Status, waiting.Attempts));
        Assert.Equal(Host.UtcNow.AddSeconds(30), waiting.NextAttemptAtUtc);
        Assert.StartsWith("Could not reach the mail server", waiting.LastError);

        Assert.Equal(0, await clinic.SendDueAsync(smtp.Port)); // not before its next attempt
        Host.Clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(1, await clinic.SendDueAsync(smtp.Port));
        var sent = (await clinic.OutboxAsync())[0];
        Assert.Equal((OutboxStatus.Sent, 2, null), (sent.Status, sent.Attempts, sent.LastError));
        Assert.Single(await smtp.WaitForAsync(1));
    }

    [Fact]
    public async Task A_temporary_refusal_is_retried_and_a_permanent_one_fails_with_the_servers_reason()
    {
        var plan = await clinic.PatientWithCourseAsync();
        await clinic.BookedAsync(plan, 1, "2026-03-13", "10:00");
        smtp.Refuse(1, 451);
        await clinic.SendDueAsync(smtp.Port);
        Assert.Equal(OutboxStatus.Pending, (await clinic.OutboxAsync())[0].Status);
        Assert.Contains("451", (await clinic.OutboxAsync())[0].LastError);

        smtp.Refuse(1, 550);
        Host.Clock.Advance(TimeSpan.FromMinutes(1));
        await clinic.SendDueAsync(smtp.Port);
        var failed = (await clinic.OutboxAsync())[0];
        Assert.Equal(OutboxStatus.Failed, failed.Status);
        Assert.Contains("550", failed.LastError);
        Assert.Contains("<(address)>: Mailbox unavailable", failed.LastError); // the server quoted the recipient; it is not kept
        Assert.DoesNotContain("anna@example.com", failed.LastError);
        Assert.Empty(smtp.Received);
    }

    [Fact]
    public async Task An_address_the_form_accepted_but_no_mail_server_would_fails_at_once_with_a_message_for_the_admin()
    {
        var plan = await clinic.PatientWithCourseAsync();
        await clinic.BookedAsync(plan, 1, "2026-03-13", "10:00");
        await Host.QueryAsync(db => db.Patients.Where(p => p.Id == plan.PatientId).ExecuteUpdateAsync(u => u.SetProperty(p => p.Email, "anna\"@example.com")));

        Assert.Equal(1, await clinic.SendDueAsync(smtp.Port));
        var failed = (await clinic.OutboxAsync())[0];
        Assert.Equal(OutboxStatus.Failed, failed.Status);
        Assert.Contains("cannot be used", failed.LastError);
        Assert.Empty(smtp.Received);
    }

    [Fact]
    public async Task A_message_that_keeps_failing_is_given_up_after_the_last_attempt()
    {
        Host.Mail.MaxAttempts = 3;
        var plan = await clinic.PatientWithCourseAsync();
        await clinic.BookedAsync(plan, 1, "2026-03-13", "10:00");
        var down = TestSmtpServer.FreePort();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            await clinic.SendDueAsync(down);
            Host.Clock.Advance(TimeSpan.FromHours(2));
        }

        var message = (await clinic.OutboxAsync())[0];
        Assert.Equal((OutboxStatus.Failed, 3), (message.Status, message.Attempts));
    }

    [Fact]
    public async Task A_claim_left_by_an_app_that_died_mid_send_becomes_unconfirmed_is_not_resent_by_itself_and_an_admin_can_resend_it()
    {
        var plan = await clinic.PatientWithCourseAsync();
        await clinic.BookedAsync(plan, 1, "2026-03-13", "10:00");
        var id = (await clinic.OutboxAsync())[0].Id;
        // What a dispatcher killed between its claim and recording the outcome leaves behind.
        await Host.QueryAsync(db => db.OutboxMessages.Where(m => m.Id == id).ExecuteUpdateAsync(u => u
            .SetProperty(m => m.Status, OutboxStatus.Sending).SetProperty(m => m.ClaimToken, Guid.NewGuid())
            .SetProperty(m => m.ClaimedUntilUtc, Host.UtcNow.AddMinutes(5)).SetProperty(m => m.Attempts, 1)));

        Assert.Equal(0, await clinic.SendDueAsync(smtp.Port)); // still within the dead app's lease
        Host.Clock.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal(0, await clinic.SendDueAsync(smtp.Port));
        Assert.Equal(OutboxStatus.Unconfirmed, (await clinic.OutboxAsync())[0].Status);
        Assert.Empty(smtp.Received);

        Assert.True((await Host.RunAsync<OutboxService, Common.ServiceResult>(s => s.ResendAsync(id))).Succeeded);
        Assert.Equal(1, await clinic.SendDueAsync(smtp.Port));
        var resent = (await clinic.OutboxAsync())[0];
        Assert.Equal(OutboxStatus.Sent, resent.Status);
        Assert.StartsWith(Host.User.UserName, resent.ResentBy);
        Assert.Single(await smtp.WaitForAsync(1));

        var again = await Host.RunAsync<OutboxService, Common.ServiceResult>(s => s.ResendAsync(id));
        Assert.False(again.Succeeded); // a sent message is not queued again by a second press
    }

    [Fact]
    public async Task The_unsubscribe_link_stops_every_mail_including_those_already_queued()
    {
        var plan = await clinic.PatientWithCourseAsync();
        await clinic.BookedAsync(plan, 1, "2026-03-13", "10:00");
        var token = (await clinic.OutboxAsync())[0].UnsubscribeToken!;
        Assert.Equal(UnsubscribeService.TokenLength, token.Length);

        Assert.Equal(new ContactChoices("Anna", true, true), await Host.RunAsync<UnsubscribeService, ContactChoices?>(s => s.ChoicesAsync(token)));
        Assert.Null(await Host.RunAsync<UnsubscribeService, ContactChoices?>(s => s.ChoicesAsync(token[..^1] + (token[^1] == 'A' ? 'B' : 'A'))));
        Assert.Null(await Host.RunAsync<UnsubscribeService, ContactChoices?>(s => s.ChoicesAsync("../../etc/passwd")));
        Assert.True(await Host.RunAsync<UnsubscribeService, bool>(s => s.UnsubscribeAsync(token)));

        Host.Clock.Advance(TimeSpan.FromDays(2));
        Assert.Equal(2, await clinic.SendDueAsync(smtp.Port));
        Assert.All(await clinic.OutboxAsync(), m => Assert.Equal(OutboxStatus.Skipped, m.Status));
        Assert.Empty(smtp.Received);
        Assert.DoesNotContain(await clinic.OutboxAsync(), m => m.LastError == null);
    }

    [Fact]
    public async Task A_whole_course_booked_at_once_is_one_confirmation_listing_every_sitting_in_one_calendar_file()
    {
        var plan = await clinic.PatientWithCourseAsync();
        var ids = new List<int>();
        ids.Add(await clinic.BookedAsync(plan, 1, "2026-03-13", "10:00"));
        ids.Add(await clinic.BookedAsync(plan, 2, "2026-04-10", "10:00"));
        // The course booking's own path is tested through its page; here the outbox's part: many bookings, one mail.
        await Host.QueryAsync(db => db.OutboxMessages.ExecuteDeleteAsync());

        await Host.RunAsync<PatientMessages, int>(async m =>
        {
            await m.QueueBookedAsync(ids, CancellationToken.None);
            return 0;
        });
        var confirmation = Assert.Single(await clinic.OutboxAsync(), m => m.Kind == MessageKind.Confirmation);
        Assert.Contains("Friday 13 March 2026 at 10:00", confirmation.TextBody);
        Assert.Contains("Friday 10 April 2026 at 10:00", confirmation.TextBody);
        Assert.Equal(2, confirmation.Calendar!.Split("BEGIN:VEVENT").Length - 1);
        Assert.Null(confirmation.BookingId);
    }
}
