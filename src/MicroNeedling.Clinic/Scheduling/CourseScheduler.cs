namespace MicroNeedling.Clinic.Scheduling;

/// <summary>When in the day the patient prefers to come. Morning starts before 12:00; afternoon starts at 12:00 or later.</summary>
public enum TimeOfDayPreference
{
    [System.ComponentModel.DataAnnotations.Display(Name = "Any time")] Any = 0,
    [System.ComponentModel.DataAnnotations.Display(Name = "Mornings")] Morning = 1,
    [System.ComponentModel.DataAnnotations.Display(Name = "Afternoons")] Afternoon = 2,
}

/// <summary>A half-open span of time [StartUtc, EndUtc) in UTC.</summary>
public readonly record struct UtcSpan(DateTime StartUtc, DateTime EndUtc)
{
    public bool Overlaps(UtcSpan other) => StartUtc < other.EndUtc && other.StartUtc < EndUtc;
}

/// <summary>Clinic-local working hours on one weekday.</summary>
public sealed record DayHours(DayOfWeek Day, TimeOnly Start, TimeOnly End);

/// <summary>Inclusive range of clinic-local dates.</summary>
public sealed record DateSpan(DateOnly From, DateOnly To)
{
    public bool Contains(DateOnly day) => From <= day && day <= To;
}

public sealed record ClinicianCalendar(string ClinicianId, IReadOnlyList<DayHours> WorkingHours, IReadOnlyList<DateSpan> TimeOff, IReadOnlyList<UtcSpan> Busy);

public sealed record RoomCalendar(int RoomId, IReadOnlyList<UtcSpan> Busy);

/// <summary>
/// Everything the scheduler needs to know about the clinic for the dates it may use. Busy spans already include each
/// booking's numbing lead time and turnover buffer. Only active rooms are given.
/// </summary>
public sealed record SchedulingCalendar(
    TimeZoneInfo Zone,
    IReadOnlyList<DayHours> OpeningHours,
    IReadOnlySet<DateOnly> ClosedDays,
    IReadOnlyList<ClinicianCalendar> Clinicians,
    IReadOnlyList<RoomCalendar> Rooms,
    IReadOnlyList<UtcSpan> PatientBusy,
    int SlotMinutes = 15);

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
    DateOnly? ScreeningLastValidDay,
    IReadOnlySet<DayOfWeek> PreferredDays,
    TimeOfDayPreference TimeOfDay,
    string? PreferredClinicianId,
    int HorizonDays = 90);

/// <summary>The proposal for one sitting: a start, clinician and room, or the reason it could not be placed.</summary>
public sealed record ProposedSitting(int SittingId, int Number, DateTime? StartUtc, string? ClinicianId, int? RoomId, string? Problem)
{
    public bool IsPlaced => StartUtc is not null;
}
