using MicroNeedling.Clinic.Common;

namespace MicroNeedling.Clinic.Calendar;

/// <summary>
/// Opening hours or working hours for each weekday. A weekday may have several entries (a split shift); a span fits when
/// it lies inside one of them.
/// </summary>
internal sealed class WeeklyHours
{
    private readonly DayHours[][] byDay = new DayHours[7][];

    public WeeklyHours(IReadOnlyList<DayHours> hours)
    {
        for (var day = 0; day < byDay.Length; day++)
        {
            byDay[day] = hours.Where(h => (int)h.Day == day).OrderBy(h => h.Start).ToArray();
        }
    }

    public IReadOnlyList<DayHours> On(DayOfWeek day) => byDay[(int)day];

    public bool HasAny(DayOfWeek day) => byDay[(int)day].Length > 0;

    /// <summary>
    /// True when one entry of <paramref name="day"/> holds both the local start and the local end of a span on that day.
    /// On the night the clocks go back the local end can read earlier than the start; both still have to be inside.
    /// </summary>
    public bool Covers(DayOfWeek day, TimeOnly localStart, TimeOnly localEnd)
    {
        foreach (var hours in byDay[(int)day])
        {
            if (hours.Start <= localStart && localStart <= hours.End && hours.Start <= localEnd && localEnd <= hours.End)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The hours of a clinic-local date as UTC instants, so that a day with a clock change counts its real length: 09:00 to
    /// 17:00 is eight hours every day, but 00:00 to 23:45 is an hour shorter the night the clocks go forward. A start or end
    /// in the spring-forward gap moves to the first instant after it.
    /// </summary>
    public IEnumerable<UtcSpan> SpansOn(DateOnly date, ClinicTime clock)
    {
        foreach (var hours in byDay[(int)date.DayOfWeek])
        {
            var start = UtcOf(clock, date, hours.Start);
            var end = UtcOf(clock, date, hours.End);
            if (end > start)
            {
                yield return new UtcSpan(start, end);
            }
        }
    }

    private static DateTime UtcOf(ClinicTime clock, DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time);
        while (true)
        {
            if (clock.ToUtc(DateOnly.FromDateTime(local), TimeOnly.FromDateTime(local)).Utc is { } utc)
            {
                return utc;
            }

            local = local.AddMinutes(15);
        }
    }
}
