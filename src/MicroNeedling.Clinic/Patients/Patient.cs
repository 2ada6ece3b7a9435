using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.CourseScheduling;

namespace MicroNeedling.Clinic.Patients;

public sealed class Patient : IUpdateStamped
{
    public int Id { get; set; }

    public string FirstName { get; set; } = "";

    public string LastName { get; set; } = "";

    /// <summary>
    /// Upper-cased (invariant culture) copies of the names, kept by <see cref="SavePatientCommand.ApplyTo"/>.
    /// Search and the duplicate check use them because SQLite's upper() and LIKE fold only A–Z, so "Zoë" and "ZOË"
    /// would otherwise never match.
    /// </summary>
    public string NormalizedFirstName { get; set; } = "";

    public string NormalizedLastName { get; set; } = "";

    public DateOnly DateOfBirth { get; set; }

    public string Phone { get; set; } = "";

    public string? Email { get; set; }

    /// <summary>The patient agreed to appointment e-mails: confirmations, changes, reminders, aftercare and slot offers.</summary>
    public bool AppointmentEmails { get; set; }

    /// <summary>The patient agreed to be e-mailed when a maintenance sitting is due.</summary>
    public bool RecallEmails { get; set; }

    /// <summary>
    /// The secret in the unsubscribe link of every mail (no login). Made when the first mail is queued and kept, so
    /// every link the patient ever received works.
    /// </summary>
    public string? ContactToken { get; set; }

    /// <summary>Null until a clinician has assessed it.</summary>
    public FitzpatrickType? SkinType { get; set; }

    public Concern Concerns { get; set; }

    public TreatmentArea TreatmentAreas { get; set; }

    public string? Notes { get; set; }

    /// <summary>Days the patient prefers; none means any day.</summary>
    public Weekdays PreferredDays { get; set; }

    public TimeOfDayPreference PreferredTimeOfDay { get; set; }

    /// <summary>
    /// A restricted record (for example a member of staff, or a public figure) is open to this one clinician only
    /// (the Identity user id); other clinicians must use emergency access with a reason. Null means an open record.
    /// </summary>
    public string? RestrictedToStaffId { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public string CreatedBy { get; set; } = "";

    public DateTime? UpdatedAtUtc { get; set; }

    public string? UpdatedBy { get; set; }

    public string FullName => $"{FirstName} {LastName}";

    public static string Normalize(string name) => name.Trim().ToUpperInvariant();
}
