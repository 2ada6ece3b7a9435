using MicroNeedling.Clinic.Calendar;
namespace MicroNeedling.Clinic.CourseScheduling;

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

    /// <summary>Every dated sitting, booked or proposed, for the interval rule.</summary>
    public IEnumerable<CourseSittingDate> Dated => entries.Select(e => new CourseSittingDate(e.Number, e.Date));

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
