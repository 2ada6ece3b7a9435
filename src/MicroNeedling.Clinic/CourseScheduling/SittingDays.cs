namespace MicroNeedling.Clinic.CourseScheduling;

/// <summary>
/// The days sitting <see cref="Number"/> may take under the interval rule. <see cref="Earliest"/> and
/// <see cref="Latest"/> are hard limits (null: none); after <see cref="RecommendedLatest"/> a booking needs a confirm.
/// </summary>
public sealed record SittingDays(int Number, DateOnly? Earliest, DateOnly? Latest, DateOnly? RecommendedLatest, CourseSittingDate? Previous, CourseSittingDate? Next)
{
    public bool IsEmpty => Earliest is { } from && Latest is { } to && to < from;
}
