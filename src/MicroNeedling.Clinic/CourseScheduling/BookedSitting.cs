namespace MicroNeedling.Clinic.CourseScheduling;

/// <summary>A sitting of the course that is already booked, on its clinic-local date. Placed sittings must keep the interval to it.</summary>
public sealed record BookedSitting(int Number, DateOnly LocalDate, string ClinicianId);
