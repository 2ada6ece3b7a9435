namespace MicroNeedling.Clinic.ClinicSetup;

/// <summary>The clinic's opening hours on one weekday, as the form edits them.</summary>
public sealed class OpeningDay
{
    public DayOfWeek Day { get; set; }

    public bool IsOpen { get; set; }

    public TimeOnly? Opens { get; set; }

    public TimeOnly? Closes { get; set; }
}
