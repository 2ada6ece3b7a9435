namespace MicroNeedling.Clinic.ClinicSetup;

/// <summary>The clinic's opening hours on one weekday. A closed weekday has IsOpen = false.</summary>
public sealed class OpeningHours
{
    public int Id { get; set; }

    public DayOfWeek Day { get; set; }

    public bool IsOpen { get; set; }

    public TimeOnly Opens { get; set; }

    public TimeOnly Closes { get; set; }
}
