using MicroNeedling.Clinic.Recalls;
using MicroNeedling.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroNeedling.Web.Pages.Recalls;

/// <summary>Who is due a maintenance sitting, whether their recall mail went, and what they answered.</summary>
public sealed class IndexModel(RecallService recalls) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public RecallFilter Show { get; set; }

    public IReadOnlyList<RecallLine> Lines { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (!Enum.IsDefined(Show))
        {
            ModelState.Clear();
            Show = RecallFilter.Due;
        }

        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAnswerAsync(int planId, RecallAnswer answer, string? note, CancellationToken ct)
    {
        var result = await recalls.RecordAnswerAsync(planId, answer, note, ct);
        if (!result.Succeeded)
        {
            ModelState.AddServiceErrors(result, "");
            Show = RecallFilter.Due;
            await LoadAsync(ct);
            return Page();
        }

        TempData["Flash"] = "Answer recorded.";
        return RedirectToPage(new { Show });
    }

    // Names, phones and dates only, as on the calendar: every patient is listed, restricted records too.
    private async Task LoadAsync(CancellationToken ct) => Lines = await recalls.ListAsync(Show, ct);
}
