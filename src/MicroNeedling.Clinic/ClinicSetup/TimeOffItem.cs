namespace MicroNeedling.Clinic.ClinicSetup;

/// <summary>Time off to show; only time off that has not started yet can be removed.</summary>
public sealed record TimeOffItem(int Id, DateOnly From, DateOnly To, string? Reason, bool CanRemove);
