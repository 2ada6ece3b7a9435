namespace MicroNeedling.Clinic.Calendar;

/// <summary>Clinic-local working hours on one weekday.</summary>
public sealed record DayHours(DayOfWeek Day, TimeOnly Start, TimeOnly End);
