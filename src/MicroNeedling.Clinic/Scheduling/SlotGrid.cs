using MicroNeedling.Clinic.Common;

namespace MicroNeedling.Clinic.Scheduling;

/// <summary>
/// Lists, for one clinic-local day, the starts on the slot grid where the clinic is open for the whole sitting, the
/// patient is free and a room is free, earliest first. Clinicians are checked afterwards by the caller, because the
/// preferred clinician is tried at every slot of the day before anyone else.
/// </summary>
/// <remarks>
/// The grid is anchored at local midnight: with 15-minute slots, starts are :00, :15, :30 and :45 on the clinic's
/// wall clock whatever the UTC offset, so a course keeps its local time across clock changes.
/// </remarks>
internal sealed class SlotGrid
{
    private static readonly TimeSpan Noon = new(12, 0, 0);

    private readonly ClinicTime clock;
    private readonly WeeklyHours opening;
    private readonly TimeSpan step;
    private readonly TimeSpan duration;
    private readonly DateTime earliestStartUtc;
    private readonly TimeOfDayPreference timeOfDay;
    private readonly BusyTimeline patient;
    private readonly RoomTimeline[] rooms;
    private readonly List<CandidateSlot> slots = [];

    public SlotGrid(CourseRequest request, SchedulingCalendar calendar, ClinicTime clock, DateTime earliestStartUtc)
    {
        this.clock = clock;
        this.earliestStartUtc = earliestStartUtc;
        opening = new WeeklyHours(calendar.OpeningHours);
        step = TimeSpan.FromMinutes(calendar.SlotMinutes);
        duration = request.Duration;
        timeOfDay = request.TimeOfDay;
        patient = new BusyTimeline(calendar.PatientBusy, earliestStartUtc);
        rooms = calendar.Rooms
            .OrderBy(r => r.RoomId)
            .Select(r => new RoomTimeline(r.RoomId, new BusyTimeline(r.Busy, earliestStartUtc)))
            .ToArray();
    }

    /// <summary>True when the clinic has opening hours on that weekday.</summary>
    public bool IsOpenOn(DayOfWeek day) => opening.HasAny(day);

    /// <summary>The usable starts of <paramref name="day"/>, earliest first. The list is reused by the next call.</summary>
    public IReadOnlyList<CandidateSlot> SlotsOn(DateOnly day)
    {
        slots.Clear();
        var hours = opening.On(day.DayOfWeek);
        if (hours.Count == 0)
        {
            return slots;
        }

        var opens = hours.Min(h => h.Start).ToTimeSpan();
        var closes = hours.Max(h => h.End).ToTimeSpan();
        var first = TimeSpan.FromTicks((opens.Ticks + step.Ticks - 1) / step.Ticks * step.Ticks);
        for (var offset = first; offset < closes; offset += step)
        {
            if (TryBuild(day, offset, out var slot))
            {
                slots.Add(slot);
            }
        }

        return slots;
    }

    /// <summary>Marks the patient and the room busy for the rest of the call.</summary>
    public void Book(CandidateSlot slot)
    {
        patient.Add(slot.Span);
        foreach (var room in rooms)
        {
            if (room.Id == slot.RoomId)
            {
                room.Busy.Add(slot.Span);
            }
        }
    }

    private bool TryBuild(DateOnly day, TimeSpan sinceMidnight, out CandidateSlot slot)
    {
        slot = default;
        // A time in the spring-forward gap has no instant and is skipped; the autumn overlap takes the earlier instant.
        if (!FitsTimeOfDay(sinceMidnight) || clock.ToUtc(day, TimeOnly.FromTimeSpan(sinceMidnight)).Utc is not { } startUtc)
        {
            return false;
        }

        if (startUtc < earliestStartUtc)
        {
            return false;
        }

        var span = new UtcSpan(startUtc, startUtc + duration);
        var localEnd = clock.ToLocal(span.EndUtc);
        var localStart = TimeOnly.FromTimeSpan(sinceMidnight);
        if (DateOnly.FromDateTime(localEnd) != day
            || !opening.Covers(day.DayOfWeek, localStart, TimeOnly.FromDateTime(localEnd))
            || patient.Overlaps(span))
        {
            return false;
        }

        foreach (var room in rooms)
        {
            if (!room.Busy.Overlaps(span))
            {
                slot = new CandidateSlot(day, localStart, TimeOnly.FromDateTime(localEnd), span, room.Id);
                return true;
            }
        }

        return false;
    }

    private bool FitsTimeOfDay(TimeSpan localStart) => timeOfDay switch
    {
        TimeOfDayPreference.Morning => localStart < Noon,
        TimeOfDayPreference.Afternoon => localStart >= Noon,
        _ => true,
    };

    private sealed record RoomTimeline(int Id, BusyTimeline Busy);
}
