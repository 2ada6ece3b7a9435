namespace MicroNeedling.Clinic.Scheduling;

/// <summary>One clinician's working hours, time off and bookings, asked whether they can take a slot.</summary>
internal sealed class ClinicianSchedule
{
    private readonly WeeklyHours workingHours;
    private readonly IReadOnlyList<DateSpan> timeOff;
    private readonly BusyTimeline busy;

    public ClinicianSchedule(ClinicianCalendar calendar, DateTime ignoreBusyEndingBy)
    {
        Id = calendar.ClinicianId;
        workingHours = new WeeklyHours(calendar.WorkingHours);
        timeOff = calendar.TimeOff;
        busy = new BusyTimeline(calendar.Busy, ignoreBusyEndingBy);
    }

    public string Id { get; }

    /// <summary>True when the clinician has working hours on that weekday and the date is in none of their time off (inclusive).</summary>
    public bool WorksOn(DateOnly day)
    {
        if (!workingHours.HasAny(day.DayOfWeek))
        {
            return false;
        }

        foreach (var off in timeOff)
        {
            if (off.Contains(day))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True when their working hours cover the whole sitting and none of their bookings overlaps it.</summary>
    public bool IsFreeFor(CandidateSlot slot) =>
        workingHours.Covers(slot.Day.DayOfWeek, slot.LocalStart, slot.LocalEnd) && !busy.Overlaps(slot.Span);

    public void Book(UtcSpan span) => busy.Add(span);
}
