namespace MicroNeedling.Clinic.Calendar;

/// <summary>
/// The busy time of one clinician, room or patient, ready for many fast overlap questions.
/// </summary>
/// <remarks>
/// A year of bookings is thousands of spans per clinician, and one call of the scheduler asks thousands of overlap
/// questions, so the spans are sorted once (most callers already pass them sorted, which is checked in one pass) and each
/// question is a binary search instead of a scan. Keeping the running maximum of the end times makes the answer exact
/// even when spans overlap one another, or when one long span (a blocked afternoon) covers many short ones.
/// Spans added during the call (the sittings just proposed) are a handful, so they sit in a short list that is scanned.
/// </remarks>
internal sealed class BusyTimeline
{
    private readonly long[] starts;
    private readonly long[] ends;
    private readonly long[] latestEndSoFar;
    private readonly List<UtcSpan> added = [];

    /// <param name="busy">The spans, in any order.</param>
    /// <param name="ignoreEndingBy">
    /// Spans that end at or before this instant are dropped: nothing proposed starts before it, so they can never overlap.
    /// </param>
    public BusyTimeline(IReadOnlyList<UtcSpan> busy, DateTime ignoreEndingBy)
    {
        var cutoff = ignoreEndingBy.Ticks;
        var spanStarts = new long[busy.Count];
        var spanEnds = new long[busy.Count];
        var count = 0;
        var sorted = true;
        for (var i = 0; i < busy.Count; i++)
        {
            var span = busy[i];
            if (span.EndUtc.Ticks <= cutoff)
            {
                continue;
            }

            spanStarts[count] = span.StartUtc.Ticks;
            spanEnds[count] = span.EndUtc.Ticks;
            sorted &= count == 0 || spanStarts[count - 1] <= spanStarts[count];
            count++;
        }

        Array.Resize(ref spanStarts, count);
        Array.Resize(ref spanEnds, count);
        if (!sorted)
        {
            Array.Sort(spanStarts, spanEnds);
        }

        var runningMax = (long[])spanEnds.Clone();
        for (var i = 1; i < count; i++)
        {
            runningMax[i] = Math.Max(runningMax[i], runningMax[i - 1]);
        }

        starts = spanStarts;
        ends = spanEnds;
        latestEndSoFar = runningMax;
    }

    /// <summary>True when any busy span overlaps <paramref name="span"/> (half-open: touching ends do not overlap).</summary>
    public bool Overlaps(UtcSpan span)
    {
        // Only the spans that start before this one ends can overlap it; of those, one does exactly when the latest
        // of their ends is after this one starts.
        var startingBefore = CountStartingBefore(span.EndUtc.Ticks);
        if (startingBefore > 0 && latestEndSoFar[startingBefore - 1] > span.StartUtc.Ticks)
        {
            return true;
        }

        foreach (var other in added)
        {
            if (other.Overlaps(span))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>One busy span that overlaps <paramref name="span"/>, to tell the user which booking is in the way; or null.</summary>
    public UtcSpan? FirstOverlap(UtcSpan span)
    {
        // Walk back from the last span starting before this one ends, while some span so far could still reach into it.
        for (var i = CountStartingBefore(span.EndUtc.Ticks) - 1; i >= 0 && latestEndSoFar[i] > span.StartUtc.Ticks; i--)
        {
            if (ends[i] > span.StartUtc.Ticks)
            {
                return new UtcSpan(new DateTime(starts[i], DateTimeKind.Utc), new DateTime(ends[i], DateTimeKind.Utc));
            }
        }

        foreach (var other in added)
        {
            if (other.Overlaps(span))
            {
                return other;
            }
        }

        return null;
    }

    /// <summary>Marks a span busy for the rest of the call.</summary>
    public void Add(UtcSpan span) => added.Add(span);

    private int CountStartingBefore(long ticks)
    {
        var low = 0;
        var high = starts.Length;
        while (low < high)
        {
            var middle = low + ((high - low) >> 1);
            if (starts[middle] < ticks)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
