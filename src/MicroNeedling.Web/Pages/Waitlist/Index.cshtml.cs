using MicroNeedling.Clinic.Patients;
using MicroNeedling.Clinic.Waitlist;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroNeedling.Web.Pages.Waitlist;

public sealed class IndexModel(WaitlistService waitlist, PatientAccess access) : PageModel
{
    public IReadOnlyList<WaitlistLine> Entries { get; private set; } = [];

    public IReadOnlySet<int> Hidden { get; private set; } = new HashSet<int>();

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostRemoveAsync(int entryId, CancellationToken ct)
    {
        var result = await waitlist.RemoveAsync(entryId, ct);
        TempData["Flash"] = result.Succeeded ? "Taken off the waitlist." : result.Errors[0].Message;
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Entries = await waitlist.OpenAsync(ct);
        Hidden = await access.HiddenAmongAsync(Entries.Select(e => e.PatientId).ToList(), ct);
    }
}
