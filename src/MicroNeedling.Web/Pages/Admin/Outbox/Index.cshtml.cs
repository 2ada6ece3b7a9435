using MicroNeedling.Clinic.Messaging;
using MicroNeedling.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroNeedling.Web.Pages.Admin.Outbox;

/// <summary>The outbox: what was sent, what failed and why, what waits; failed and unconfirmed messages can be sent again.</summary>
public sealed class IndexModel(OutboxService outbox, MailTransportChoice transport, MailOptions mail) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public OutboxStatus? Status { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public OutboxCounts Counts { get; private set; } = new(0, 0, 0, 0, 0);

    public IReadOnlyList<OutboxLine> Messages { get; private set; } = [];

    public MailTransportChoice Transport => transport;

    public string PublicBaseUrl => mail.PublicBaseUrl;

    /// <summary>Real mail goes out while its links still name this machine ("localhost"): patients' unsubscribe links would not work.</summary>
    public bool LinksPointNowhere => mail.HasSmtp
        && (!Uri.TryCreate(mail.PublicBaseUrl, UriKind.Absolute, out var url) || url.IsLoopback);

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (Status is { } status && !Enum.IsDefined(status))
        {
            Status = null;
        }

        PageNumber = Math.Clamp(PageNumber, 1, 10_000);
        ModelState.Clear();
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostResendAsync(int messageId, CancellationToken ct)
    {
        var result = await outbox.ResendAsync(messageId, ct);
        if (!result.Succeeded)
        {
            ModelState.AddServiceErrors(result, "");
            await LoadAsync(ct);
            return Page();
        }

        TempData["Flash"] = "The message is back in line and goes out with the next round.";
        return RedirectToPage(new { Status });
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Counts = await outbox.CountsAsync(ct);
        Messages = await outbox.ListAsync(Status, PageNumber, ct);
    }
}
