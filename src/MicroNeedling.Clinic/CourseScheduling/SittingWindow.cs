using MicroNeedling.Clinic.Calendar;
namespace MicroNeedling.Clinic.CourseScheduling;

/// <summary>The clinic-local days the scheduler searches for one sitting: the interval rule's days within the horizon.</summary>
/// <param name="From">The first allowed day.</param>
/// <param name="To">The last day searched (inclusive).</param>
internal readonly record struct SittingWindow(DateOnly From, DateOnly To)
{
    /// <summary>
    /// Works out the window of sitting <paramref name="number"/> from <see cref="IntervalRule.DaysFor"/>, or the reason
    /// it has none. A sitting with an earlier dated sitting is searched up to the recommended maximum interval; the first
    /// sitting of a course has none, so it searches HorizonDays days from the earliest start. A later booked sitting pulls
    /// the end in. The screening's validity does not limit it: booking needs a plan made on a screening that allowed
    /// treatment, and the check-in re-screen renews the screening on the day (ADR 0017).
    /// </summary>
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

        var days = IntervalRule.DaysFor(number, history.Dated, request.MinIntervalDays, request.MaxIntervalDays);
        var from = days.Earliest is { } afterMinimum && afterMinimum > earliestDay ? afterMinimum : earliestDay;
        var to = days.RecommendedLatest ?? earliestDay.AddDays(request.HorizonDays - 1);

        if (days.Latest is { } latest)
        {
            if (latest < from)
            {
                problem = SchedulingMessages.TooCloseToNextBooked(number, days.Next!, request.MinIntervalDays * (days.Next!.Number - number), latest, from);
                return false;
            }

            to = latest < to ? latest : to;
        }

        if (to < from && days.Previous is { } lapsed)
        {
            problem = SchedulingMessages.MaximumIntervalPassed(number, lapsed, days.RecommendedLatest!.Value, from);
            return false;
        }

        window = new SittingWindow(from, to);
        return true;
    }
}
