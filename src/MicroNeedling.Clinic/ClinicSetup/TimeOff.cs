using MicroNeedling.Clinic.Common;

namespace MicroNeedling.Clinic.ClinicSetup;

/// <summary>A clinician's time off: an inclusive range of clinic-local dates.</summary>
public sealed class TimeOff : IStamped
{
    public int Id { get; set; }

    public string ClinicianId { get; set; } = "";

    public DateOnly From { get; set; }

    public DateOnly To { get; set; }

    public string? Reason { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public string CreatedBy { get; set; } = "";
}
