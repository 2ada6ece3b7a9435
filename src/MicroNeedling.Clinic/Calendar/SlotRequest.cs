using MicroNeedling.Clinic.CourseScheduling;
namespace MicroNeedling.Clinic.Calendar;

/// <summary>What a slot is asked for: a clinic-local start, the appointment's whole length, and who and where (null: any).</summary>
public readonly record struct SlotRequest(DateOnly Date, TimeOnly Time, TimeSpan Length, string? ClinicianId, int? RoomId);
