using MicroNeedling.Clinic.Bookings;
using MicroNeedling.Clinic.Calendar;
using MicroNeedling.Clinic.CourseScheduling;
using MicroNeedling.Clinic.Patients;
using MicroNeedling.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroNeedling.Web.Pages.Plans;

public sealed class BookCourseModel(CourseBookingService courses, CourseTimelineService timelines, BookingService bookings, PatientAccess access) : PageModel, IShowsPatientRecord
{
    public ViewedRecord? ViewedRecord => new("CoursePlan", Id, Timeline.PatientId);

    [BindProperty(SupportsGet = true)]
    public int Id { get; set; }

    [BindProperty]
    public BookCourseCommand Input { get; set; } = new();

    public CoursePreferences Preferences { get; private set; } = new();

    public CourseTimeline Timeline { get; private set; } = default!;

    public IReadOnlyList<ClinicianOption> Clinicians { get; private set; } = [];

    public IReadOnlyList<RoomOption> Rooms { get; private set; } = [];

    public string? Warning { get; private set; }

    public bool Proposed { get; private set; }

    public async Task<IActionResult> OnGetAsync(List<Weekdays>? days, Clinic.CourseScheduling.TimeOfDayPreference? timeOfDay, string? clinicianId, string? propose, CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        Preferences = propose is null
            ? await courses.DefaultPreferencesAsync(Id, ct)
            : new CoursePreferences { Days = days ?? [], TimeOfDay = timeOfDay ?? default, ClinicianId = clinicianId };
        var proposal = await courses.ProposeAsync(Id, Preferences, ct);
        if (!proposal.Succeeded)
        {
            ModelState.AddServiceErrors(proposal, nameof(Input));
            return Page();
        }

        Proposed = true;
        Input = new BookCourseCommand { PlanId = Id, Lines = proposal.Value! };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        Preferences = await courses.DefaultPreferencesAsync(Id, ct);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        Input.PlanId = Id;
        var result = await courses.BookAsync(Input, ct);
        if (!result.Succeeded)
        {
            ModelState.AddModelError("", "Nothing was booked. Each line that cannot be booked says why below: change it, or propose the times again.");
            ModelState.AddServiceErrors(result, nameof(Input));
            return Page();
        }

        if (result.Value!.NeedsConfirmation)
        {
            Warning = result.Value.Warning;
            return Page();
        }

        TempData["Flash"] = $"{result.Value.Booked} sittings booked for {Timeline.PatientName}.";
        return RedirectToPage("Details", new { id = Id });
    }

    public string? ErrorFor(string key) =>
        ModelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0 ? string.Join(" ", entry.Errors.Select(e => e.ErrorMessage)) : null;

    /// <summary>After a failed post, what was typed, even if it did not parse; otherwise the proposed value.</summary>
    public string? Attempted(string key, string? proposed) =>
        ModelState.TryGetValue(key, out var entry) && entry.AttemptedValue is not null ? entry.AttemptedValue : proposed;

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var timeline = await access.MayOpenPlanAsync(Id, ct) ? await timelines.LoadAsync(Id, ct) : null;
        if (timeline is null)
        {
            return false;
        }

        Timeline = timeline;
        (Clinicians, Rooms) = await bookings.ChoicesAsync(ct);
        return true;
    }
}
