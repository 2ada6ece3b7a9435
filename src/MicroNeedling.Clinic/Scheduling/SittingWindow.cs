namespace MicroNeedling.Clinic.Scheduling;

/// <summary>
/// The clinic-local days one sitting may take, from the interval rules, the planning horizon and the screening's
/// validity.
/// </summary>
/// <param name="From">The first allowed day.</param>
/// <param name="To">The last day searched (inclusive).</param>
/// <param name="EndsAtScreeningExpiry">True when the screening's last valid day cut the window short.</param>
internal readonly record struct SittingWindow(DateOnly From, DateOnly To, bool EndsAtScreeningExpiry)
{
    /// <summary>
    /// Works out the window of sitting <paramref name="number"/>, or the reason it has none.
    /// </summary>
    /// <remarks>
    /// Intervals are counted in calendar days of clinic-local dates, not in 24-hour blocks: a sitting 28 days after one at
    /// 10:00 may again be at 10:00 even when the clocks changed in between (the UTC gap is then 28 days plus or minus an
    /// hour). The earliest day is MinIntervalDays after the previous sitting; the window ends at the recommended maximum,
    /// MaxIntervalDays after it. The first sitting of a course has no previous sitting, so it searches HorizonDays days
    /// from the earliest start. A later sitting that is already booked pulls the end in: with sitting m booked, sitting k
    /// must be (m - k) × MinIntervalDays before it, which is MinIntervalDays for the next sitting and leaves room for any
    /// sittings in between.
    /// </remarks>
    public static bool TryFind(
        int number,
        CourseHistory history,
        CourseRequest request,
        DateOnly earliestDay,
        out SittingWindow window,
        out string problem)
    {
        window = default;
        problem = string.Empty;

        var previous = history.Previous(number);
        var from = earliestDay;
        var to = earliestDay.AddDays(request.HorizonDays - 1);
        if (previous is { } before)
        {
            var afterMinimum = before.Date.AddDays(request.MinIntervalDays);
            from = afterMinimum > from ? afterMinimum : from;
            to = before.Date.AddDays(request.MaxIntervalDays);
        }

        if (request.ScreeningLastValidDay is { } lastValid && from > lastValid)
        {
            problem = SchedulingMessages.ScreeningExpired(number, from, lastValid);
            return false;
        }

        if (history.NextBooked(number) is { } next)
        {
            var daysBefore = (next.Number - number) * request.MinIntervalDays;
            var latest = next.Date.AddDays(-daysBefore);
            if (latest < from)
            {
                problem = SchedulingMessages.TooCloseToNextBooked(number, next, daysBefore, latest, from);
                return false;
            }

            to = latest < to ? latest : to;
        }

        if (to < from && previous is { } lapsed)
        {
            problem = SchedulingMessages.MaximumIntervalPassed(number, lapsed, request.MaxIntervalDays, from);
            return false;
        }

        var endsAtScreeningExpiry = false;
        if (request.ScreeningLastValidDay is { } screeningEnd && screeningEnd < to)
        {
            to = screeningEnd;
            endsAtScreeningExpiry = true;
        }

        window = new SittingWindow(from, to, endsAtScreeningExpiry);
        return true;
    }
}
