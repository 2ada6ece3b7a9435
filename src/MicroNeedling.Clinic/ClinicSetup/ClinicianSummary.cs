namespace MicroNeedling.Clinic.ClinicSetup;

/// <summary>A member of staff in the Clinician role, with the weekdays they work.</summary>
public sealed record ClinicianSummary(string Id, string DisplayName, string Email, bool IsDisabled, IReadOnlyList<DayOfWeek> WorkingDays);
