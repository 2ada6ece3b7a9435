namespace MicroNeedling.Clinic.CourseScheduling;

/// <summary>The result of the interval rule for one date: a refusal, a warning that needs a confirm, or neither.</summary>
public sealed record IntervalCheck(string? Refusal, string? Warning);
