namespace MicroNeedling.Clinic.CourseScheduling;

public sealed record CourseRequest(
    IReadOnlyList<SittingToPlace> Sittings,
    IReadOnlyList<BookedSitting> Booked,
    int MinIntervalDays,
    int MaxIntervalDays,
    TimeSpan Duration,
    DateTime EarliestStartUtc,
    IReadOnlySet<DayOfWeek> PreferredDays,
    TimeOfDayPreference TimeOfDay,
    string? PreferredClinicianId,
    int HorizonDays = 90)
{
    /// <summary>The clinic-local dates of the patient's sittings in other courses: the interval holds across courses too.</summary>
    public IReadOnlyList<DateOnly> OtherCourseDates { get; init; } = [];
}
