namespace MicroNeedling.Clinic.ClinicSetup;

/// <summary>A treatment room. Deactivated rooms keep their history but take no new bookings.</summary>
public sealed class Room
{
    public int Id { get; set; }

    public string Name { get; set; } = "";

    public bool IsActive { get; set; } = true;
}
