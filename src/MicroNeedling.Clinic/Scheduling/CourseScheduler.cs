namespace MicroNeedling.Clinic.Scheduling;

/// <summary>When in the day the patient prefers to come. Morning starts before 12:00; afternoon starts at 12:00 or later.</summary>
public enum TimeOfDayPreference
{
    [System.ComponentModel.DataAnnotations.Display(Name = "Any time")] Any = 0,
    [System.ComponentModel.DataAnnotations.Display(Name = "Mornings")] Morning = 1,
    [System.ComponentModel.DataAnnotations.Display(Name = "Afternoons")] Afternoon = 2,
}

/// <summary>A sitting of the course that is not booked yet.</summary>
public sealed record SittingToPlace(int SittingId, int Number);

/// <summary>A sitting of the course that is already booked, on its clinic-local date. Placed sittings must keep the interval to it.</summary>
public sealed record BookedSitting(int Number, DateOnly LocalDate, string ClinicianId);

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

/// <summary>The proposal for one sitting: a start, clinician and room, or the reason it could not be placed.</summary>
public sealed record ProposedSitting(int SittingId, int Number, DateTime? StartUtc, string? ClinicianId, int? RoomId, string? Problem)
{
    public bool IsPlaced => StartUtc is not null;
}
