using System.ComponentModel.DataAnnotations;
using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.CourseScheduling;
using MicroNeedling.Clinic.Patients;

namespace MicroNeedling.Clinic.Waitlist;

public enum WaitlistStatus
{
    [Display(Name = "Waiting")] Waiting = 0,
    [Display(Name = "Offered a slot")] Offered = 1,
    [Display(Name = "Booked")] Booked = 2,
    [Display(Name = "Removed")] Removed = 3,
}

/// <summary>A patient whose next sitting is due and who would take an earlier slot when one frees up.</summary>
public sealed class WaitlistEntry : IStamped
{
    public int Id { get; set; }

    public int PatientId { get; set; }

    public int CoursePlanId { get; set; }

    public Weekdays PreferredDays { get; set; }

    public TimeOfDayPreference PreferredTimeOfDay { get; set; }

    public string? Note { get; set; }

    public WaitlistStatus Status { get; set; }

    /// <summary>The last slot offered by e-mail, in UTC.</summary>
    public DateTime? OfferedStartUtc { get; set; }

    public DateTime? ClosedAtUtc { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public string CreatedBy { get; set; } = "";

    /// <summary>Still waiting: not yet booked or taken off. Offered entries wait too, until the patient answers.</summary>
    public static readonly System.Linq.Expressions.Expression<Func<WaitlistEntry, bool>> Open =
        w => w.Status == WaitlistStatus.Waiting || w.Status == WaitlistStatus.Offered;

    private static readonly Func<WaitlistEntry, bool> IsOpenCompiled = Open.Compile();

    public bool IsOpen => IsOpenCompiled(this);
}
