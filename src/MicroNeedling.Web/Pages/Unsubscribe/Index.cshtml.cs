using MicroNeedling.Clinic.Messaging;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroNeedling.Web.Pages.Unsubscribe;

/// <summary>
/// The link in every mail, open without a login. Opening it changes nothing (mail scanners follow links); the button
/// does. An unknown token gets a 404 that says no more than "not valid".
/// </summary>
public sealed class IndexModel(UnsubscribeService unsubscribe) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    public ContactChoices? Choices { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Choices = await unsubscribe.ChoicesAsync(Token, ct);
        return Choices is null ? NotValid() : Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await unsubscribe.UnsubscribeAsync(Token, ct))
        {
            return NotValid();
        }

        // Post, then redirect: the page then shows that nothing more will be sent, and a reload does not post again.
        return RedirectToPage(new { Token });
    }

    private PageResult NotValid()
    {
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }
}
