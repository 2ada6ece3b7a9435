using System.Text;
using MimeKit;

namespace MicroNeedling.Clinic.Messaging;

/// <summary>An outbox message as the MIME mail that goes out: text and HTML alternatives, the .ics, the unsubscribe header.</summary>
public static class OutboxMime
{
    public static MimeMessage Build(OutboxMessage message, string clinicName, MailOptions options)
    {
        var mail = new MimeMessage { Subject = message.Subject, MessageId = message.MessageId, Date = DateTimeOffset.UtcNow };
        mail.From.Add(new MailboxAddress(clinicName, options.FromAddress));
        mail.To.Add(MailboxAddress.Parse(message.ToAddress));
        // Tells mail servers and out-of-office robots that nobody typed this: no auto-replies to a reminder.
        mail.Headers.Add("Auto-Submitted", "auto-generated");
        if (message.UnsubscribeToken is not null)
        {
            mail.Headers.Add(HeaderId.ListUnsubscribe, $"<{options.PublicBaseUrl.TrimEnd('/')}/Unsubscribe/{message.UnsubscribeToken}>");
        }

        var body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody };
        if (message.Calendar is not null)
        {
            var method = message.Kind == MessageKind.Cancellation ? "CANCEL" : "PUBLISH";
            var type = new ContentType("text", "calendar") { Charset = "utf-8" };
            type.Parameters.Add("method", method);
            body.Attachments.Add("appointment.ics", Encoding.UTF8.GetBytes(message.Calendar), type);
        }

        mail.Body = body.ToMessageBody();
        return mail;
    }
}
