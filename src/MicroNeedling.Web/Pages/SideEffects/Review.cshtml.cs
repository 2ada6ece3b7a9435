using MicroNeedling.Clinic.Patients;
using MicroNeedling.Clinic.Sittings;
using MicroNeedling.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroNeedling.Web.Pages.SideEffects;

public sealed class ReviewModel(SideEffectService sideEffects, PatientAccess access) : PageModel, IShowsPatientRecord
{
    public ViewedRecord? ViewedRecord => new("SideEffect", Id, Effect.PatientId);

    [BindProperty(SupportsGet = true)]
    public int Id { get; set; }

    [BindProperty]
    public ReviewSideEffectCommand Input { get; set; } = new();

    public SideEffect Effect { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        Input.SideEffectId = Id;
        var result = await sideEffects.ReviewAsync(Input, ct);
        if (!result.Succeeded)
        {
            ModelState.AddServiceErrors(result, nameof(Input));
            return Page();
        }

        TempData["Flash"] = "The review is recorded.";
        return RedirectToPage("/Patients/Details", new { id = Effect.PatientId });
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var effect = await access.MayOpenSideEffectAsync(Id, ct) ? await sideEffects.FindAsync(Id, ct) : null;
        Effect = effect!;
        return effect is not null;
    }
}
