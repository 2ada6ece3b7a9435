namespace MicroNeedling.Clinic.Messaging;

public enum SmtpSecurity
{
    /// <summary>STARTTLS when the server offers it (port 587).</summary>
    Auto = 0,

    /// <summary>STARTTLS, required.</summary>
    StartTls = 1,

    /// <summary>TLS from the first byte (port 465).</summary>
    SslOnConnect = 2,

    /// <summary>Plain text: only for a relay on the same machine or a test server.</summary>
    None = 3,
}

/// <summary>How mail leaves the clinic: the configuration section "Mail" (docs/deploy.md).</summary>
public sealed class MailOptions
{
    public const string Section = "Mail";

    /// <summary>The SMTP server. Without one, Development writes mails to <see cref="PickupFolder"/> and elsewhere nothing is sent.</summary>
    public string? SmtpHost { get; set; }

    public int SmtpPort { get; set; } = 587;

    public SmtpSecurity Security { get; set; } = SmtpSecurity.Auto;

    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>The sender address; the display name is the clinic's name from the settings.</summary>
    public string FromAddress { get; set; } = "clinic@localhost";

    /// <summary>The address patients reach the app on, for the unsubscribe link in every mail (no trailing slash).</summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:5000";

    /// <summary>Development without SMTP: each mail is written here as an .eml file and listed on the admin page.</summary>
    public string? PickupFolder { get; set; }

    /// <summary>How often an idle dispatcher looks for due mail.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long one dispatcher may hold a message it claimed. A message still "sending" after this belonged to an app that
    /// stopped mid-send and is marked unconfirmed (it may have gone out), never sent again by itself.
    /// </summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Attempts before a message that keeps failing is given up as failed.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The SMTP client's timeout for connecting and for each command.</summary>
    public TimeSpan SmtpTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public bool HasSmtp => !string.IsNullOrWhiteSpace(SmtpHost);
}
