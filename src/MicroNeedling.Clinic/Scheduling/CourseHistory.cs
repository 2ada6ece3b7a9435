namespace MicroNeedling.Clinic.Scheduling;

/// <summary>
/// The sittings of the course that have a date: those already booked, and those proposed earlier in this call.
/// Intervals and clinician continuity are measured against them.
/// </summary>
internal sealed class CourseHistory
{
    private readonly List<Entry> entries;

    public CourseHistory(IReadOnlyList<BookedSitting> booked)
    {
        entries = booked.Select(b => new Entry(b.Number, b.LocalDate, b.ClinicianId, IsBooked: true)).ToList();
    }

    /// <summary>The dated sitting with the highest number below <paramref name="number"/>, booked or proposed.</summary>
    public DatedSitting? Previous(int number)
    {
        Entry? best = null;
        foreach (var entry in entries)
        {
            if (entry.Number < number && (best is null || entry.Number > best.Value.Number))
            {
                best = entry;
            }
        }

        return best is { } found ? new DatedSitting(found.Number, found.Date) : null;
    }

    /// <summary>The booked sitting with the lowest number above <paramref name="number"/>.</summary>
    public DatedSitting? NextBooked(int number)
    {
        Entry? best = null;
        foreach (var entry in entries)
        {
            if (entry.IsBooked && entry.Number > number && (best is null || entry.Number < best.Value.Number))
            {
                best = entry;
            }
        }

        return best is { } found ? new DatedSitting(found.Number, found.Date) : null;
    }

    /// <summary>
    /// The clinician the patient has been seeing: the one of the most recent booked sitting before
    /// <paramref name="number"/>; when nothing before it is booked, the one proposed for the most recent earlier sitting
    /// of this call, so a new course stays with one clinician too. A booked sitting wins over a proposal because a
    /// person chose it.
    /// </summary>
    public string? ContinuityClinician(int number) =>
        MostRecentBefore(number, booked: true)?.ClinicianId ?? MostRecentBefore(number, booked: false)?.ClinicianId;

    public void RecordProposed(int number, DateOnly date, string clinicianId) =>
        entries.Add(new Entry(number, date, clinicianId, IsBooked: false));

    private Entry? MostRecentBefore(int number, bool booked)
    {
        Entry? best = null;
        foreach (var entry in entries)
        {
            if (entry.IsBooked == booked && entry.Number < number && (best is null || entry.Number > best.Value.Number))
            {
                best = entry;
            }
        }

        return best;
    }

    private readonly record struct Entry(int Number, DateOnly Date, string ClinicianId, bool IsBooked);
}

/// <summary>A sitting's number and clinic-local date.</summary>
internal readonly record struct DatedSitting(int Number, DateOnly Date);
