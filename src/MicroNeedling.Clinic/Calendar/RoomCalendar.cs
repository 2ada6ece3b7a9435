namespace MicroNeedling.Clinic.Calendar;

public sealed record RoomCalendar(int RoomId, IReadOnlyList<UtcSpan> Busy);
