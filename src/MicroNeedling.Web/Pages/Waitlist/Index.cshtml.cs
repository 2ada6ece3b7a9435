using MicroNeedling.Clinic.Waitlist;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroNeedling.Web.Pages.Waitlist;

/// <summary>The waitlist: names, phones and preferences only, as on the calendar, so every patient is listed to front desk and clinicians alike.</summary>
public sealed class IndexModel(WaitlistService waitlist) : PageModel
{
    public IReadOnlyList<WaitlistLine> Entries { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostRemoveAsync(int entryId, CancellationToken ct)
    {
        var result = await waitlist.RemoveAsync(entryId, ct);
        TempData["Flash"] = result.Succeeded ? "Taken off the waitlist." : result.Errors[0].Message;
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct) => Entries = await waitlist.OpenAsync(ct);
}
