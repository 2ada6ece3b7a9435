using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace MicroNeedling.Clinic.Messaging;

/// <summary>Sends over SMTP with MailKit: host, port, TLS mode and credentials from <see cref="MailOptions"/>.</summary>
public sealed class SmtpMailTransport(MailOptions options) : IMailTransport
{
    public async Task<IMailSession> OpenAsync(CancellationToken ct)
    {
        var client = new SmtpClient { Timeout = (int)options.SmtpTimeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(options.SmtpHost ?? throw new InvalidOperationException("No SMTP host is configured."), options.SmtpPort, SocketOptions(options.Security), ct);
            if (!string.IsNullOrEmpty(options.UserName))
            {
                await client.AuthenticateAsync(options.UserName, options.Password ?? "", ct);
            }

            return new Session(client);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            client.Dispose();
            throw Classify(e);
        }
    }

    private static SecureSocketOptions SocketOptions(SmtpSecurity security) => security switch
    {
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        SmtpSecurity.None => SecureSocketOptions.None,
        _ => SecureSocketOptions.StartTlsWhenAvailable,
    };

    /// <summary>
    /// A 5xx reply about this message (bad mailbox, refused content) is permanent; everything else (no connection, a
    /// 4xx, a timeout, a failed login that may be fixed in the configuration) is worth retrying later.
    /// </summary>
    private static MailDeliveryException Classify(Exception e) => e switch
    {
        SmtpCommandException command when (int)command.StatusCode >= 500 && command.ErrorCode != SmtpErrorCode.UnexpectedStatusCode =>
            new MailDeliveryException($"The mail server refused the message: {(int)command.StatusCode} {command.Message}", permanent: true, e),
        SmtpCommandException command => new MailDeliveryException($"The mail server answered {(int)command.StatusCode}: {command.Message}", permanent: false, e),
        AuthenticationException => new MailDeliveryException("The mail server refused the user name or password in the configuration.", permanent: false, e),
        SocketException or IOException or TimeoutException or ServiceNotConnectedException or SmtpProtocolException =>
            new MailDeliveryException($"Could not reach the mail server: {e.Message}", permanent: false, e),
        SslHandshakeException => new MailDeliveryException($"The TLS handshake with the mail server failed: {e.Message}", permanent: false, e),
        _ => new MailDeliveryException($"Sending failed: {e.GetType().Name}: {e.Message}", permanent: false, e),
    };

    private sealed class Session(SmtpClient client) : IMailSession
    {
        public async Task SendAsync(MimeMessage message, CancellationToken ct)
        {
            try
            {
                await client.SendAsync(message, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                throw Classify(e);
            }
        }

        public async ValueTask DisposeAsync()
        {
            try
            {
                if (client.IsConnected)
                {
                    await client.DisconnectAsync(quit: true);
                }
            }
            catch (Exception e) when (e is IOException or SocketException or ServiceNotConnectedException or SmtpProtocolException or SmtpCommandException)
            {
                // The mails of this round are recorded already; a failed QUIT changes nothing.
            }

            client.Dispose();
        }
    }
}
