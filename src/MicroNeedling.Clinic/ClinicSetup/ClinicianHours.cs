namespace MicroNeedling.Clinic.ClinicSetup;

/// <summary>A clinician's regular working hours on one weekday. No row for a weekday means they do not work that day.</summary>
public sealed class ClinicianHours
{
    public int Id { get; set; }

    public string ClinicianId { get; set; } = "";

    public DayOfWeek Day { get; set; }

    public TimeOnly Start { get; set; }

    public TimeOnly End { get; set; }
}
