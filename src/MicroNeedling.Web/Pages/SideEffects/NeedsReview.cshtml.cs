using MicroNeedling.Clinic.Patients;
using MicroNeedling.Clinic.Sittings;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroNeedling.Web.Pages.SideEffects;

public sealed class NeedsReviewModel(SideEffectService sideEffects, PatientAccess access) : PageModel
{
    public IReadOnlyList<ReviewItem> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var items = await sideEffects.NeedsReviewAsync(ct);

        // Side effects are clinical detail: a restricted record's stay with the clinician it is restricted to.
        var hidden = await access.HiddenAmongAsync(items.Select(i => i.PatientId).Distinct().ToList(), ct);
        Items = items.Where(i => !hidden.Contains(i.PatientId)).ToList();
    }
}
