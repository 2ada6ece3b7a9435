using MimeKit;

namespace MicroNeedling.Clinic.Messaging;

/// <summary>Where the dispatcher hands a mail: an SMTP server, or in Development a folder.</summary>
public interface IMailTransport
{
    /// <summary>A connection for one round of sending; several mails go over one SMTP session.</summary>
    Task<IMailSession> OpenAsync(CancellationToken ct);
}

public interface IMailSession : IAsyncDisposable
{
    /// <summary>Returns when the server has accepted the message; throws <see cref="MailDeliveryException"/> when it has not.</summary>
    Task SendAsync(MimeMessage message, CancellationToken ct);
}

/// <summary>A send that failed. <see cref="Permanent"/>: the server refused this message for good (5xx), so retrying is pointless.</summary>
public sealed class MailDeliveryException(string message, bool permanent, Exception? inner = null) : Exception(message, inner)
{
    public bool Permanent { get; } = permanent;
}
