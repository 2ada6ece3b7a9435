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
}
