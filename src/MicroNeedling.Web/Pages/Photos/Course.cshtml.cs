using MicroNeedling.Clinic.Consent;
using MicroNeedling.Clinic.Patients;
using MicroNeedling.Clinic.Photos;
using MicroNeedling.Clinic.Plans;
using MicroNeedling.Clinic.Sittings;
using MicroNeedling.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroNeedling.Web.Pages.Photos;

/// <summary>A course's photo timeline, and the comparison of one area and view between the first sitting and the latest.</summary>
public sealed class CourseModel(PlanService plans, PhotoService photos, PatientAccess access) : PageModel, IShowsPatientRecord
{
    public ViewedRecord? ViewedRecord => PatientName is null ? null : new("CoursePlan", PlanId);

    [BindProperty(SupportsGet = true)]
    public int PlanId { get; set; }

    [BindProperty(SupportsGet = true)]
    public NeedlingArea? Area { get; set; }

    [BindProperty(SupportsGet = true)]
    public PhotoView? View { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Custom { get; set; }

    public string? PatientName { get; private set; }

    public IReadOnlyList<PhotoItem> Photos { get; private set; } = [];

    public PhotoComparison? Comparison { get; private set; }

    /// <summary>The area/view pairs that have photos at two or more sittings: the comparisons there are.</summary>
    public IReadOnlyList<PhotoItem> Comparable { get; private set; } = [];

    public string? CompareMessage { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var plan = await access.MayOpenPlanAsync(PlanId, ct) ? await plans.FindAsync(PlanId, ct) : null;
        if (plan is null)
        {
            return NotFound();
        }

        PatientName = plan.Patient?.FullName ?? "";
        Photos = await photos.ForCourseAsync(PlanId, ct);
        Comparable = Photos.GroupBy(p => (p.Area, p.View, Custom: p.View == PhotoView.Custom ? p.CustomView?.ToLowerInvariant() : null))
            .Where(g => g.Select(p => p.SittingNumber).Distinct().Count() >= 2)
            .Select(g => g.First())
            .ToList();

        if (!ModelState.IsValid)
        {
            // A hand-edited query (?area=99): say so next to the chooser instead of failing.
            CompareMessage = "Choose one of the comparisons listed.";
            return Page();
        }

        if (Area is { } area && View is { } view)
        {
            Comparison = await photos.CompareAsync(PlanId, area, view, Custom, ct);
            CompareMessage = Comparison is null ? "This area and view has photos from fewer than two sittings, so there is nothing to compare yet." : null;
        }

        return Page();
    }
}
