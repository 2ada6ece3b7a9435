using MicroNeedling.Clinic.Plans;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroNeedling.Web.Pages.Plans;

public sealed class DetailsModel(PlanService plans) : PageModel
{
    public CoursePlan Plan { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var plan = await plans.FindAsync(id, ct);
        if (plan is null)
        {
            return NotFound();
        }

        Plan = plan;
        return Page();
    }
}
