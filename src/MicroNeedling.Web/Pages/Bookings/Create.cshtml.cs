using MicroNeedling.Clinic.Bookings;
using MicroNeedling.Clinic.CourseScheduling;
using MicroNeedling.Clinic.Patients;
using MicroNeedling.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroNeedling.Web.Pages.Bookings;

public sealed record BookingCandidate(int PatientId, string Name, DateOnly DateOfBirth, int SittingId, int Number, int SittingCount);

public sealed class CreateModel(BookingService bookings, CourseTimelineService timelines, PatientService patients, PatientAccess access) : PageModel, IShowsPatientRecord
{
    public ViewedRecord? ViewedRecord => Timeline is null ? null : new("CoursePlan", Timeline.PlanId, Timeline.PatientId);

    [BindProperty]
    public BookSittingCommand Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    public CourseTimeline? Timeline { get; private set; }

    public IReadOnlyList<BookingCandidate> Candidates { get; private set; } = [];

    public SlotFields Slot { get; private set; } = default!;

    public string CalendarLink => Url.Page("/Calendar/Index", new { date = Input.Date?.ToString("yyyy-MM-dd") })!;

    public async Task<IActionResult> OnGetAsync(int? sittingId, DateOnly? date, TimeOnly? time, string? clinicianId, int? roomId, CancellationToken ct)
    {
        Input = new BookSittingCommand { SittingId = sittingId ?? 0, Date = date, Time = time, ClinicianId = clinicianId ?? "", RoomId = roomId };
        if (sittingId is null)
        {
            await FindCandidatesAsync(ct);
            return Page();
        }

        return await LoadAsync(null, ct) ? Page() : NotFound();
    }

    /// <summary>Runs the booking first; the form is loaded only when it must be shown again.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await access.MayOpenSittingAsync(Input.SittingId, ct))
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return await LoadAsync(null, ct) ? Page() : NotFound();
        }

        var result = await bookings.BookAsync(Input, ct);
        if (!result.Succeeded)
        {
            ModelState.AddServiceErrors(result, nameof(Input));
            return await LoadAsync(null, ct) ? Page() : NotFound();
        }

        if (result.Value!.NeedsConfirmation)
        {
            return await LoadAsync(result.Value.Warning, ct) ? Page() : NotFound();
        }

        TempData["Flash"] = $"Sitting booked for {result.Value.PatientName} on {Input.Date:ddd d MMM} at {Input.Time:HH:mm}.";
        return RedirectToPage("/Calendar/Index", new { date = Input.Date?.ToString("yyyy-MM-dd") });
    }

    public string ChooseLink(int sittingId) => Url.Page("/Bookings/Create", new
    {
        sittingId,
        date = Input.Date?.ToString("yyyy-MM-dd"),
        time = Input.Time?.ToString("HH:mm"),
        clinicianId = Input.ClinicianId,
        roomId = Input.RoomId,
    })!;

    private async Task<bool> LoadAsync(string? warning, CancellationToken ct)
    {
        var planId = await access.MayOpenSittingAsync(Input.SittingId, ct) ? await timelines.PlanOfSittingAsync(Input.SittingId, ct) : null;
        Timeline = planId is null ? null : await timelines.LoadAsync(planId.Value, ct);
        var (clinicians, rooms) = await bookings.ChoicesAsync(ct);
        var free = Timeline is null ? [] : await bookings.RoomsForAsync(Input.SittingId, Input.Date, Input.Time, ignoreBookingId: null, ct);
        Slot = new SlotFields(clinicians, rooms, Input, ModelState, warning) { RoomStates = free };
        return Timeline is not null;
    }

    private async Task FindCandidatesAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Q))
        {
            return;
        }

        var found = await patients.SearchAsync(Q, null, 1, ct);
        var next = await timelines.NextUnbookedAsync(found.Items.Select(p => p.Id).ToList(), ct);
        Candidates = found.Items.Join(next, p => p.Id, n => n.PatientId, (p, n) =>
            new BookingCandidate(p.Id, $"{p.FirstName} {p.LastName}", p.DateOfBirth, n.SittingId, n.Number, n.SittingCount)).ToList();
    }
}
