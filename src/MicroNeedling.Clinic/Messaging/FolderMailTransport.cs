using MimeKit;

namespace MicroNeedling.Clinic.Messaging;

/// <summary>
/// Development without an SMTP server: each mail is written to a folder as an .eml file (named by time and Message-ID),
/// which the admin page "Mail folder" lists and shows, and any mail program opens.
/// </summary>
public sealed class FolderMailTransport(string folder) : IMailTransport, IMailSession
{
    public string Folder { get; } = folder;

    public Task<IMailSession> OpenAsync(CancellationToken ct)
    {
        Directory.CreateDirectory(Folder);
        return Task.FromResult<IMailSession>(this);
    }

    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        var name = $"{DateTime.UtcNow:yyyyMMdd'T'HHmmssfff}-{SafeName(message.MessageId ?? "")}.eml";
        var temporary = Path.Combine(Folder, name + ".tmp");
        await message.WriteToAsync(temporary, ct);
        File.Move(temporary, Path.Combine(Folder, name), overwrite: true);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static string SafeName(string messageId) =>
        new(messageId.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '_').Take(80).ToArray());
}
