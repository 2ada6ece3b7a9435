namespace MicroNeedling.Clinic.CourseScheduling;

/// <summary>A sitting of the course that is not booked yet.</summary>
public sealed record SittingToPlace(int SittingId, int Number);
