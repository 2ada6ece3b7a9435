using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.CourseScheduling;
using MicroNeedling.Clinic.Patients;
using MicroNeedling.Clinic.Plans;
using MicroNeedling.Clinic.Screening;
using MicroNeedling.Clinic.Settings;
using MicroNeedling.Clinic.Sittings;
using MicroNeedling.Clinic.Staff;
using MicroNeedling.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ScreeningRecord = MicroNeedling.Clinic.Screening.Screening;

namespace MicroNeedling.Web.Pages.Patients;

public sealed class DetailsModel(
    PatientService patients,
    ScreeningService screenings,
    PlanService plans,
    CourseTimelineService timelines,
    SittingGuard guard,
    SideEffectService sideEffects,
    ClinicSettingsService settings,
    PatientAccess access,
    Clinic.Consent.ConsentGate consents,
    Clinic.Photos.PhotoService photos,
    Clinic.Documents.DocumentService documents,
    Clinic.Export.PatientRecordExport export,
    TimeProvider time) : PageModel, IShowsPatientRecord
{
    public ViewedRecord? ViewedRecord => new("Patient", Patient.Id, Patient.Id);

    public Patient Patient { get; private set; } = default!;

    public PatientAccessView Access { get; private set; } = default!;

    /// <summary>A clinician without access to this restricted record sees the demographics and the way to emergency access only.</summary>
    public bool ClinicalDetailHidden { get; private set; }

    public ScreeningStatus Status { get; private set; } = default!;

    public IReadOnlyList<ScreeningRecord> History { get; private set; } = [];

    public IReadOnlyList<CoursePlan> Plans { get; private set; } = [];

    public int AgeToday { get; private set; }

    public CourseTimeline? ActiveCourse { get; private set; }

    public CourseHold Hold { get; private set; } = CourseHold.None;

    /// <summary>Side-effect details, loaded for clinicians only.</summary>
    public IReadOnlyList<SideEffect> SideEffects { get; private set; } = [];

    public int SideEffectCount { get; private set; }

    /// <summary>Each course's consent state: shown to front desk too (signed or not, never the content).</summary>
    public IReadOnlyDictionary<int, Clinic.Consent.CourseConsent> Consents { get; private set; } = new Dictionary<int, Clinic.Consent.CourseConsent>();

    /// <summary>The current course's photos, oldest sitting first (clinicians only).</summary>
    public IReadOnlyList<Clinic.Photos.PhotoItem> CoursePhotos { get; private set; } = [];

    /// <summary>Attached documents (clinicians only).</summary>
    public IReadOnlyList<Clinic.Documents.DocumentItem> Documents { get; private set; } = [];

    /// <summary>The current user may export the whole record (a treating clinician here; admins reach it from the audit page).</summary>
    public bool CanExport { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var patient = await patients.FindAsync(id, ct);
        if (patient is null)
        {
            return NotFound();
        }

        Patient = patient;
        Access = (await access.ForPatientAsync(id, ct))!;
        var clinic = await settings.GetAsync(ct);
        var today = ClinicTime.For(clinic.TimeZoneId).Today(time);
        AgeToday = Age.YearsOn(patient.DateOfBirth, today);
        if (User.IsInRole(Roles.Clinician) && !Access.CanSeeClinicalRecord)
        {
            ClinicalDetailHidden = true;
            return Page();
        }

        Status = await screenings.StatusOnAsync(id, today, ct);
        Plans = await plans.ForPatientAsync(id, ct);
        Consents = await consents.ForCoursesAsync(Plans.Select(p => p.Id).ToList(), ct);
        if (Plans.FirstOrDefault(p => p.Status == PlanStatus.Active) is { } active)
        {
            ActiveCourse = await timelines.LoadAsync(active.Id, ct);
        }

        Hold = await guard.HoldAsync(id, ct);

        var effects = await sideEffects.ForPatientAsync(id, ct);
        SideEffectCount = effects.Count;

        // Screening answers are clinical detail: front desk never receives them, not even hidden in the page.
        if (User.IsInRole(Roles.Clinician))
        {
            var photoCourse = ActiveCourse?.PlanId ?? (Plans.Count > 0 ? Plans[0].Id : null);
            CoursePhotos = photoCourse is { } planId ? await photos.ForCourseAsync(planId, ct) : [];
            Documents = await documents.ForPatientAsync(id, ct);
            History = await screenings.HistoryAsync(id, ct);
            SideEffects = effects;
            CanExport = await export.MayExportAsync(id, ct);
        }

        return Page();
    }

    public Task<IActionResult> OnPostRestrictAsync(int id, CancellationToken ct) =>
        ChangeRestrictionAsync(id, () => access.RestrictAsync(id, ct), "The record is restricted to you. Other clinicians need emergency access to open it.", ct);

    public Task<IActionResult> OnPostLiftRestrictionAsync(int id, CancellationToken ct) =>
        ChangeRestrictionAsync(id, () => access.LiftRestrictionAsync(id, ct), "The restriction is lifted. Every clinician can open the record again.", ct);

    private async Task<IActionResult> ChangeRestrictionAsync(int id, Func<Task<ServiceResult>> change, string done, CancellationToken ct)
    {
        if (!User.IsInRole(Roles.Clinician))
        {
            return Forbid();
        }

        if (!await access.MayOpenAsync(id, ct))
        {
            return NotFound();
        }

        var result = await change();
        if (!result.Succeeded)
        {
            ModelState.AddServiceErrors(result, "");
            return await OnGetAsync(id, ct);
        }

        TempData["Flash"] = done;
        return RedirectToPage(new { id });
    }
}
