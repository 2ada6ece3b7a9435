using MicroNeedling.Clinic.ClinicSetup;
namespace MicroNeedling.Clinic.Calendar;

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
