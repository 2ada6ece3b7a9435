using MicroNeedling.Clinic.CourseScheduling;
using MicroNeedling.Clinic.Patients;
using MicroNeedling.Clinic.Plans;
using MicroNeedling.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroNeedling.Web.Pages.Plans;

public sealed class DetailsModel(PlanService plans, CourseTimelineService timelines, Clinic.Consent.ConsentGate consents, PatientAccess access, Clinic.Waitlist.WaitlistService waitlist) : PageModel, IShowsPatientRecord
{
    public ViewedRecord? ViewedRecord => new("CoursePlan", Plan.Id, Plan.PatientId);

    public CoursePlan Plan { get; private set; } = default!;

    public CourseTimeline Timeline { get; private set; } = default!;

    public Clinic.Consent.CourseConsent Consent { get; private set; } = default!;

    /// <summary>The course's open waitlist entry, or null.</summary>
    public Clinic.Waitlist.WaitlistLine? Waiting { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var plan = await access.MayOpenPlanAsync(id, ct) ? await plans.FindAsync(id, ct) : null;
        if (plan is null)
        {
            return NotFound();
        }

        Plan = plan;
        Timeline = (await timelines.LoadAsync(id, ct))!;
        Consent = await consents.ForCourseAsync(id, ct);
        Waiting = await waitlist.ForPlanAsync(id, ct);
        return Page();
    }
}
