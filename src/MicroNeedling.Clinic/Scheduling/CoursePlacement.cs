using MicroNeedling.Clinic.Common;

namespace MicroNeedling.Clinic.Scheduling;

/// <summary>
/// One call of <see cref="CourseScheduler.Propose"/>: the calendar indexed once, and each sitting placed in turn so that
/// later sittings see the earlier proposals as booked.
/// </summary>
internal sealed class CoursePlacement
{
    private readonly CourseRequest request;
    private readonly IReadOnlySet<DateOnly> closedDays;
    private readonly DateOnly earliestDay;
    private readonly SlotGrid grid;
    private readonly ClinicianSchedule[] clinicians;
    private readonly CourseHistory history;
    private readonly List<ClinicianSchedule> workingToday = [];

    public CoursePlacement(CourseRequest request, SchedulingCalendar calendar)
    {
        this.request = request;
        closedDays = calendar.ClosedDays;
        var earliestStartUtc = DateTime.SpecifyKind(request.EarliestStartUtc, DateTimeKind.Utc);
        var clock = new ClinicTime(calendar.Zone);
        earliestDay = clock.LocalDate(earliestStartUtc);
        grid = new SlotGrid(request, calendar, clock, earliestStartUtc);
        clinicians = calendar.Clinicians
            .OrderBy(c => c.ClinicianId, StringComparer.Ordinal)
            .Select(c => new ClinicianSchedule(c, earliestStartUtc))
            .ToArray();
        history = new CourseHistory(request.Booked);
    }

    /// <summary>
    /// Proposes the earliest allowed slot for the sitting and books it for the rest of the call, or says why there is none.
    /// </summary>
    /// <remarks>
    /// The earliest usable DAY wins; only within that day does the continuity clinician come first, at any of the day's
    /// slots, before the others are tried slot by slot in clinician-id order. A patient would rather come two weeks
    /// sooner than wait for their usual clinician, but on a given day seeing the same face is worth a later hour.
    /// </remarks>
    public ProposedSitting Place(SittingToPlace sitting)
    {
        if (!SittingWindow.TryFind(sitting.Number, history, request, earliestDay, out var window, out var problem))
        {
            return CourseScheduler.Unplaced(sitting, problem);
        }

        var preferred = PreferredClinician(sitting.Number);
        for (var day = window.From; day <= window.To; day = day.AddDays(1))
        {
            if (!IsCandidateDay(day) || FindOnDay(day, preferred) is not { } found)
            {
                continue;
            }

            grid.Book(found.Slot);
            found.Clinician.Book(found.Slot.Span);
            history.RecordProposed(sitting.Number, day, found.Clinician.Id);
            return new ProposedSitting(sitting.SittingId, sitting.Number, found.Slot.Span.StartUtc, found.Clinician.Id, found.Slot.RoomId, null);
        }

        return CourseScheduler.Unplaced(sitting, SchedulingMessages.NoFreeSlot(window, request));
    }

    private bool IsCandidateDay(DateOnly day) =>
        !closedDays.Contains(day)
        && grid.IsOpenOn(day.DayOfWeek)
        && (request.PreferredDays.Count == 0 || request.PreferredDays.Contains(day.DayOfWeek));

    /// <summary>
    /// The clinician to try first: the one the request names, else the one the patient has been seeing
    /// (see <see cref="CourseHistory.ContinuityClinician"/>). A named clinician who is not in the calendar is passed over.
    /// </summary>
    private ClinicianSchedule? PreferredClinician(int number)
    {
        foreach (var id in new[] { request.PreferredClinicianId, history.ContinuityClinician(number) })
        {
            var match = clinicians.FirstOrDefault(c => c.Id == id);
            if (match is not null)
            {
                return match;
            }
        }

        return null;
    }

    private (CandidateSlot Slot, ClinicianSchedule Clinician)? FindOnDay(DateOnly day, ClinicianSchedule? preferred)
    {
        workingToday.Clear();
        workingToday.AddRange(clinicians.Where(c => c.WorksOn(day)));
        if (workingToday.Count == 0)
        {
            return null;
        }

        var slots = grid.SlotsOn(day);
        if (preferred is not null && workingToday.Contains(preferred))
        {
            foreach (var slot in slots)
            {
                if (preferred.IsFreeFor(slot))
                {
                    return (slot, preferred);
                }
            }
        }

        foreach (var slot in slots)
        {
            foreach (var clinician in workingToday)
            {
                if (clinician != preferred && clinician.IsFreeFor(slot))
                {
                    return (slot, clinician);
                }
            }
        }

        return null;
    }
}
