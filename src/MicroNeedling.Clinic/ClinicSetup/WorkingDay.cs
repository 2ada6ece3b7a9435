namespace MicroNeedling.Clinic.ClinicSetup;

/// <summary>A clinician's working hours on one weekday, as the form edits them.</summary>
public sealed class WorkingDay
{
    public DayOfWeek Day { get; set; }

    public bool Works { get; set; }

    public TimeOnly? Start { get; set; }

    public TimeOnly? End { get; set; }
}
