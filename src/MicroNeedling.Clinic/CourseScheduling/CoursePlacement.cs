using MicroNeedling.Clinic.Calendar;
namespace MicroNeedling.Clinic.CourseScheduling;

/// <summary>
/// One call of <see cref="CourseScheduler.Propose"/>: the calendar indexed once by the <see cref="SlotPolicy"/>, and each
/// sitting placed in turn so that later sittings see the earlier proposals as booked.
/// </summary>
internal sealed class CoursePlacement
{
    private static readonly TimeOnly Noon = new(12, 0);

    private readonly CourseRequest request;
    private readonly SlotPolicy policy;
    private readonly DateTime earliestStartUtc;
    private readonly DateOnly earliestDay;
    private readonly TimeSpan step;
    private readonly CourseHistory history;
    private readonly List<string> workingToday = [];
    private readonly List<TimeOnly> starts = [];

    public CoursePlacement(CourseRequest request, CalendarSnapshot calendar)
    {
        this.request = request;
        earliestStartUtc = DateTime.SpecifyKind(request.EarliestStartUtc, DateTimeKind.Utc);
        // The same policy the booking's final check asks; nothing can end before the earliest start and still collide.
        policy = new SlotPolicy(calendar, ignoreBusyEndingBy: earliestStartUtc);
        earliestDay = policy.Clock.LocalDate(earliestStartUtc);
        step = TimeSpan.FromMinutes(calendar.SlotMinutes);
        history = new CourseHistory(request.Booked);
    }

    /// <summary>
    /// Proposes the earliest allowed slot for the sitting and holds it for the rest of the call, or says why there is none.
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

            policy.Hold(found.Span, found.ClinicianId, found.RoomId);
            history.RecordProposed(sitting.Number, day, found.ClinicianId);
            return new ProposedSitting(sitting.SittingId, sitting.Number, found.Span.StartUtc, found.ClinicianId, found.RoomId, null);
        }

        return CourseScheduler.Unplaced(sitting, SchedulingMessages.NoFreeSlot(window, request));
    }

    private bool IsCandidateDay(DateOnly day) =>
        (request.PreferredDays.Count == 0 || request.PreferredDays.Contains(day.DayOfWeek))
        && policy.OpeningOn(day) is not null
        && IntervalRule.OtherCourseClash(day, request.OtherCourseDates, request.MinIntervalDays) is null;

    /// <summary>
    /// The clinician to try first: the one the request names, else the one the patient has been seeing
    /// (see <see cref="CourseHistory.ContinuityClinician"/>). A named clinician who cannot be booked is passed over.
    /// </summary>
    private string? PreferredClinician(int number)
    {
        foreach (var id in new[] { request.PreferredClinicianId, history.ContinuityClinician(number) })
        {
            if (id is not null && policy.ClinicianIds.Contains(id))
            {
                return id;
            }
        }

        return null;
    }

    private (UtcSpan Span, string ClinicianId, int RoomId)? FindOnDay(DateOnly day, string? preferred)
    {
        workingToday.Clear();
        workingToday.AddRange(policy.ClinicianIds.Where(id => policy.WorkingHoursOn(id, day) is not null));
        if (workingToday.Count == 0)
        {
            return null;
        }

        StartsOn(day);
        if (preferred is not null && workingToday.Contains(preferred))
        {
            foreach (var start in starts)
            {
                if (TryAt(day, start, preferred) is { } found)
                {
                    return found;
                }
            }
        }

        foreach (var start in starts)
        {
            foreach (var clinician in workingToday)
            {
                if (clinician != preferred && TryAt(day, start, clinician) is { } found)
                {
                    return found;
                }
            }
        }

        return null;
    }

    private (UtcSpan Span, string ClinicianId, int RoomId)? TryAt(DateOnly day, TimeOnly start, string clinicianId) =>
        policy.IsBookable(new SlotRequest(day, start, request.Duration, clinicianId, RoomId: null), out var span, out var clinician, out var room)
        && span.StartUtc >= earliestStartUtc
            ? (span, clinician, room)
            : null;

    /// <summary>
    /// The starts of the day on the slot grid, anchored at local midnight (with 15-minute slots :00, :15, :30, :45 on the
    /// clinic's wall clock whatever the UTC offset, so a course keeps its local time across clock changes), within the
    /// opening hours and the preferred time of day.
    /// </summary>
    private void StartsOn(DateOnly day)
    {
        starts.Clear();
        if (policy.OpeningOn(day) is not { } hours)
        {
            return;
        }

        var opens = hours.Start.ToTimeSpan();
        var first = TimeSpan.FromTicks((opens.Ticks + step.Ticks - 1) / step.Ticks * step.Ticks);
        for (var offset = first; offset < hours.End.ToTimeSpan(); offset += step)
        {
            var start = TimeOnly.FromTimeSpan(offset);
            if (request.TimeOfDay switch
            {
                TimeOfDayPreference.Morning => start < Noon,
                TimeOfDayPreference.Afternoon => start >= Noon,
                _ => true,
            })
            {
                starts.Add(start);
            }
        }
    }
}
