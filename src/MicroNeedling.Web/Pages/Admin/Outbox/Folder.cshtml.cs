using MicroNeedling.Clinic.Messaging;
using MicroNeedling.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MimeKit;

namespace MicroNeedling.Web.Pages.Admin.Outbox;

/// <summary>Development without SMTP: the mails written to the pickup folder, newest first, and one of them as text.</summary>
public sealed class FolderModel(MailTransportChoice transport) : PageModel
{
    private const int Shown = 200;

    public sealed record MailFile(string Name, string Subject, string To, DateTimeOffset Date);

    [BindProperty(SupportsGet = true)]
    public new string? File { get; set; }

    public IReadOnlyList<MailFile> Files { get; private set; } = [];

    public MimeMessage? Open { get; private set; }

    public IActionResult OnGet()
    {
        if (transport.Transport is not FolderMailTransport folder)
        {
            return NotFound();
        }

        var names = Directory.Exists(folder.Folder)
            ? Directory.EnumerateFiles(folder.Folder, "*.eml").Select(Path.GetFileName).OrderDescending().Take(Shown).ToList()
            : [];
        Files = names.Select(n => Read(folder.Folder, n!)).OfType<MailFile>().ToList();
        if (File is not null)
        {
            // Only a name from the listing: never a path the query string makes up.
            if (!names.Contains(File))
            {
                return NotFound();
            }

            Open = MimeMessage.Load(Path.Combine(folder.Folder, File));
        }

        return Page();
    }

    private static MailFile? Read(string folder, string name)
    {
        try
        {
            var headers = HeaderList.Load(Path.Combine(folder, name));
            return new MailFile(name, headers[HeaderId.Subject] ?? "", headers[HeaderId.To] ?? "",
                DateTimeOffset.TryParse(headers[HeaderId.Date], out var date) ? date : DateTimeOffset.MinValue);
        }
        catch (Exception e) when (e is IOException or FormatException or ParseException)
        {
            return null;
        }
    }
}
