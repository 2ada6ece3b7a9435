namespace MicroNeedling.Clinic.Scheduling;

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
/// Everything the slot policy needs to know about the clinic for the days it is asked about, loaded once: opening hours
/// and closed days, the bookable clinicians with their hours, time off and bookings, the active rooms with their
/// bookings, and (when a patient is being booked) the patient's own bookings. Busy spans include each booking's numbing
/// lead time and turnover buffer. A booking being moved is left out of it, so it does not collide with itself.
/// </summary>
/// <param name="SlotMinutes">The grid the calendar and the scheduler offer starts on, from local midnight.</param>
public sealed record CalendarSnapshot(
    TimeZoneInfo Zone,
    IReadOnlyList<DayHours> OpeningHours,
    IReadOnlySet<DateOnly> ClosedDays,
    IReadOnlyList<ClinicianCalendar> Clinicians,
    IReadOnlyList<RoomCalendar> Rooms,
    IReadOnlyList<UtcSpan> PatientBusy,
    int SlotMinutes = 15)
{
    /// <summary>Starts before this instant have passed and are refused. The pure scheduler tests leave it unset.</summary>
    public DateTime NowUtc { get; init; } = DateTime.MinValue;

    /// <summary>Why the clinic is closed on a closed day, for the message.</summary>
    public IReadOnlyDictionary<DateOnly, string> ClosedDayReasons { get; init; } = new Dictionary<DateOnly, string>();
}

/// <summary>What a slot is asked for: a clinic-local start, the appointment's whole length, and who and where (null: any).</summary>
public readonly record struct SlotRequest(DateOnly Date, TimeOnly Time, TimeSpan Length, string? ClinicianId, int? RoomId);

/// <summary>The field of the booking form a refusal belongs to, so each message appears next to its field.</summary>
public enum SlotField
{
    Slot,
    Date,
    Time,
    Clinician,
    Room,
}

public sealed record SlotRefusal(SlotField Field, string Message);

/// <summary>
/// The policy's answer. A bookable slot has a span, a clinician and a room and no refusals; otherwise every refusal is
/// listed, so the user sees all the reasons at once.
/// </summary>
public sealed record SlotDecision(UtcSpan? Span, string? ClinicianId, int? RoomId, IReadOnlyList<SlotRefusal> Refusals)
{
    public bool IsBookable => Refusals.Count == 0 && Span is not null && ClinicianId is not null && RoomId is not null;
}
