using MicroNeedling.Clinic.Sittings;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroNeedling.Web.Pages.SideEffects;

public sealed class NeedsReviewModel(SideEffectService sideEffects) : PageModel
{
    public IReadOnlyList<ReviewItem> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Items = await sideEffects.NeedsReviewAsync(ct);
}
