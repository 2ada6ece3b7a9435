using MicroNeedling.Clinic.ClinicSetup;
namespace MicroNeedling.Clinic.Calendar;

public sealed record ClinicianCalendar(string ClinicianId, IReadOnlyList<DayHours> WorkingHours, IReadOnlyList<DateSpan> TimeOff, IReadOnlyList<UtcSpan> Busy);
