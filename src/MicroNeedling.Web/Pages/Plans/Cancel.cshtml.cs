using MicroNeedling.Clinic.Patients;
using MicroNeedling.Clinic.Plans;
using MicroNeedling.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroNeedling.Web.Pages.Plans;

public sealed class CancelModel(PlanService plans, PatientAccess access) : PageModel, IShowsPatientRecord
{
    public ViewedRecord? ViewedRecord => new("CoursePlan", Id);

    [BindProperty(SupportsGet = true)]
    public int Id { get; set; }

    [BindProperty]
    public CancelPlanCommand Input { get; set; } = new();

    public string PatientName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        Input.PlanId = Id;
        var result = await plans.CancelAsync(Input, ct);
        if (!result.Succeeded)
        {
            ModelState.AddServiceErrors(result, nameof(Input));
            return Page();
        }

        TempData["Flash"] = "The course is cancelled.";
        return RedirectToPage("Details", new { id = Id });
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var plan = await access.MayOpenPlanAsync(Id, ct) ? await plans.FindAsync(Id, ct) : null;
        PatientName = plan?.Patient?.FullName ?? "";
        return plan is not null;
    }
}
