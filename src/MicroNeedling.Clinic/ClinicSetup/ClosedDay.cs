namespace MicroNeedling.Clinic.ClinicSetup;

/// <summary>A date on which the clinic is closed, such as a public holiday.</summary>
public sealed class ClosedDay
{
    public int Id { get; set; }

    public DateOnly Date { get; set; }

    public string Reason { get; set; } = "";
}
