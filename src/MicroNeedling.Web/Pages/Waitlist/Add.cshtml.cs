using MicroNeedling.Clinic.Bookings;
using MicroNeedling.Clinic.Patients;
using MicroNeedling.Clinic.Waitlist;
using MicroNeedling.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroNeedling.Web.Pages.Waitlist;

public sealed class AddModel(WaitlistService waitlist, CourseFactsQuery courses, PatientAccess access) : PageModel, IShowsPatientRecord
{
    public ViewedRecord? ViewedRecord => Course is null ? null : new("CoursePlan", PlanId, Course.PatientId);

    [BindProperty(SupportsGet = true)]
    public int PlanId { get; set; }

    [BindProperty]
    public AddToWaitlistCommand Input { get; set; } = new();

    public CourseFacts? Course { get; private set; }

    /// <summary>The course's open entry, when it is on the waitlist already.</summary>
    public WaitlistLine? Existing { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        Existing = await waitlist.ForPlanAsync(PlanId, ct);
        return Page();
    }

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

        Input.PlanId = PlanId;
        var result = await waitlist.AddAsync(Input, ct);
        if (!result.Succeeded)
        {
            ModelState.AddServiceErrors(result, nameof(Input));
            return Page();
        }

        TempData["Flash"] = $"{Course!.PatientName} is on the waitlist. When a slot frees up that suits, they are listed first.";
        return Redirect("/Waitlist");
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        Course = await access.MayOpenPlanAsync(PlanId, ct) ? await courses.ForPlanAsync(PlanId, ct) : null;
        return Course is not null;
    }
}
