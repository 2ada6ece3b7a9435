using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.Scheduling;

namespace MicroNeedling.Clinic.Patients;

public sealed class Patient : IUpdateStamped
{
    public int Id { get; set; }

    public string FirstName { get; set; } = "";

    public string LastName { get; set; } = "";

    public DateOnly DateOfBirth { get; set; }

    public string Phone { get; set; } = "";

    public string? Email { get; set; }

    /// <summary>Null until a clinician has assessed it.</summary>
    public FitzpatrickType? SkinType { get; set; }

    public Concern Concerns { get; set; }

    public TreatmentArea TreatmentAreas { get; set; }

    public string? Notes { get; set; }

    /// <summary>Days the patient prefers; none means any day.</summary>
    public Weekdays PreferredDays { get; set; }

    public TimeOfDayPreference PreferredTimeOfDay { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public string CreatedBy { get; set; } = "";

    public DateTime? UpdatedAtUtc { get; set; }

    public string? UpdatedBy { get; set; }

    public string FullName => $"{FirstName} {LastName}";
}
