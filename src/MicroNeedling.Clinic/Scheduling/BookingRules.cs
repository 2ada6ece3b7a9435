namespace MicroNeedling.Clinic.Scheduling;

/// <summary>A booked sitting of the same course, by number and clinic-local date.</summary>
public sealed record CourseSittingDate(int Number, DateOnly Date);

/// <summary>The result of the interval rule: a refusal, a warning that needs a confirm, or neither.</summary>
public sealed record IntervalCheck(string? Refusal, string? Warning);

/// <summary>Pure booking rules. The service gathers the data; these decide.</summary>
public static class BookingRules
{
    /// <summary>The longest appointment the settings allow (numbing 90 + needling 20 + turnover 60), rounded up.
    /// Overlap queries look back this far, which keeps them bounded by the index on the start time.</summary>
    public static readonly TimeSpan LongestAppointment = TimeSpan.FromMinutes(180);

    /// <summary>
    /// Sitting k must start at least <paramref name="minDays"/> calendar days after the nearest booked earlier sitting
    /// (more when sittings in between are still unbooked), and as long before the nearest booked later sitting.
    /// More than <paramref name="maxDays"/> after the previous sitting is allowed but warns.
    /// Calendar days of clinic-local dates, not 24-hour blocks, so a DST change never shifts the rule by an hour.
    /// </summary>
    public static IntervalCheck CheckInterval(int number, DateOnly date, IEnumerable<CourseSittingDate> otherBooked, int minDays, int maxDays)
    {
        var others = otherBooked.Where(s => s.Number != number).ToList();
        var previous = others.Where(s => s.Number < number).MaxBy(s => s.Number);
        var next = others.Where(s => s.Number > number).MinBy(s => s.Number);

        if (previous is not null)
        {
            var required = minDays * (number - previous.Number);
            var earliest = previous.Date.AddDays(required);
            if (date < earliest)
            {
                return new($"Sitting {number} must be on or after {earliest:ddd d MMM yyyy}: at least {minDays} days after sitting {previous.Number} ({previous.Date:d MMM yyyy}).", null);
            }
        }

        if (next is not null)
        {
            var required = minDays * (next.Number - number);
            var latest = next.Date.AddDays(-required);
            if (date > latest)
            {
                return new($"Sitting {number} must be on or before {latest:ddd d MMM yyyy}: at least {minDays} days before sitting {next.Number} ({next.Date:d MMM yyyy}).", null);
            }
        }

        if (previous is not null && number - previous.Number == 1 && date > previous.Date.AddDays(maxDays))
        {
            var days = date.DayNumber - previous.Date.DayNumber;
            return new(null, $"Sitting {number} would be {days} days after sitting {previous.Number}, more than the recommended {maxDays}. Book anyway?");
        }

        return new(null, null);
    }

    /// <summary>Whether a clinic-local span lies inside one day's hours; ending exactly at closing time is fine.</summary>
    public static bool FitsWithin(DateTime localStart, DateTime localEnd, TimeOnly open, TimeOnly close) =>
        localEnd > localStart
        && localStart.Date == localEnd.Date
        && TimeOnly.FromDateTime(localStart) >= open
        && TimeOnly.FromDateTime(localEnd) <= close;
}
