namespace MicroNeedling.Clinic.CourseScheduling;

/// <summary>
/// The interval rule, written once: the course scheduler, the booking and move forms' final check, and the course
/// timeline's "next sitting from … to …" all read it from here.
/// </summary>
/// <remarks>
/// Sitting k must be at least MinIntervalDays × (k − j) calendar days after the nearest dated earlier sitting j (more
/// when sittings in between are still unbooked, so they still fit), and as long before the nearest dated later sitting.
/// More than MaxIntervalDays × (k − j) after sitting j is allowed, but warns. Days are clinic-local calendar days, not
/// 24-hour blocks, so a course at 10:00 stays at 10:00 across a clock change.
/// </remarks>
public static class IntervalRule
{
    public static SittingDays DaysFor(int number, IEnumerable<CourseSittingDate> dated, int minDays, int maxDays)
    {
        CourseSittingDate? previous = null;
        CourseSittingDate? next = null;
        foreach (var s in dated)
        {
            if (s.Number < number && (previous is null || s.Number > previous.Number))
            {
                previous = s;
            }
            else if (s.Number > number && (next is null || s.Number < next.Number))
            {
                next = s;
            }
        }

        var earliest = previous?.Date.AddDays(minDays * (number - previous.Number));
        var recommended = previous?.Date.AddDays(maxDays * (number - previous.Number));
        var latest = next?.Date.AddDays(-minDays * (next.Number - number));
        return new SittingDays(number, earliest, latest, recommended, previous, next);
    }

    /// <summary>Whether sitting <paramref name="number"/> may be on <paramref name="date"/>.</summary>
    public static IntervalCheck Check(int number, DateOnly date, IEnumerable<CourseSittingDate> dated, int minDays, int maxDays)
    {
        var days = DaysFor(number, dated, minDays, maxDays);
        if (days.Earliest is { } earliest && date < earliest)
        {
            return new($"Sitting {number} must be on or after {earliest:ddd d MMM yyyy}: at least {minDays} days after sitting {days.Previous!.Number} ({days.Previous.Date:d MMM yyyy}).", null);
        }

        if (days.Latest is { } latest && date > latest)
        {
            return new($"Sitting {number} must be on or before {latest:ddd d MMM yyyy}: at least {minDays} days before sitting {days.Next!.Number} ({days.Next.Date:d MMM yyyy}).", null);
        }

        if (days.RecommendedLatest is { } recommended && date > recommended)
        {
            var gap = date.DayNumber - days.Previous!.Date.DayNumber;
            return new(null, $"Sitting {number} would be {gap} days after sitting {days.Previous.Number}, more than the recommended {recommended.DayNumber - days.Previous.Date.DayNumber}. Book anyway?");
        }

        return new(null, null);
    }

    /// <summary>
    /// The skin needs the minimum interval whichever course a sitting belongs to: cancelling a course and planning a new
    /// one must not allow needling again the next day. Returns the clashing date of another course's sitting, if any.
    /// </summary>
    public static DateOnly? OtherCourseClash(DateOnly date, IEnumerable<DateOnly> otherCourseDates, int minDays)
    {
        foreach (var other in otherCourseDates)
        {
            if (Math.Abs(other.DayNumber - date.DayNumber) < minDays)
            {
                return other;
            }
        }

        return null;
    }

    public static string OtherCourseMessage(DateOnly clash, int minDays) =>
        $"The patient has a sitting of another course on {clash:d MMM yyyy}; sittings must be at least {minDays} days apart.";
}
