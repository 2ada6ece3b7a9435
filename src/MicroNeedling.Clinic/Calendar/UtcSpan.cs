using MicroNeedling.Clinic.CourseScheduling;
namespace MicroNeedling.Clinic.Calendar;

/// <summary>A half-open span of time [StartUtc, EndUtc) in UTC.</summary>
public readonly record struct UtcSpan(DateTime StartUtc, DateTime EndUtc)
{
    public bool Overlaps(UtcSpan other) => StartUtc < other.EndUtc && other.StartUtc < EndUtc;
}
