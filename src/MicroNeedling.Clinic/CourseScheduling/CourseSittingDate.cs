namespace MicroNeedling.Clinic.CourseScheduling;

/// <summary>A dated sitting of the same course, by number and clinic-local date.</summary>
public sealed record CourseSittingDate(int Number, DateOnly Date);
