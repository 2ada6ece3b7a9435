namespace MicroNeedling.Clinic.ClinicSetup;

/// <summary>A closed day to show; only one still in the future can be removed.</summary>
public sealed record ClosedDayItem(int Id, DateOnly Date, string Reason, bool CanRemove);
