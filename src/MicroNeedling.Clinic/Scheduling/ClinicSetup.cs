using MicroNeedling.Clinic.Common;

namespace MicroNeedling.Clinic.Scheduling;

/// <summary>A treatment room. Deactivated rooms keep their history but take no new bookings.</summary>
public sealed class Room
{
    public int Id { get; set; }

    public string Name { get; set; } = "";

    public bool IsActive { get; set; } = true;
}

/// <summary>The clinic's opening hours on one weekday. A closed weekday has IsOpen = false.</summary>
public sealed class OpeningHours
{
    public int Id { get; set; }

    public DayOfWeek Day { get; set; }

    public bool IsOpen { get; set; }

    public TimeOnly Opens { get; set; }

    public TimeOnly Closes { get; set; }
}

/// <summary>A date on which the clinic is closed, such as a public holiday.</summary>
public sealed class ClosedDay
{
    public int Id { get; set; }

    public DateOnly Date { get; set; }

    public string Reason { get; set; } = "";
}

/// <summary>A clinician's regular working hours on one weekday. No row for a weekday means they do not work that day.</summary>
public sealed class ClinicianHours
{
    public int Id { get; set; }

    public string ClinicianId { get; set; } = "";

    public DayOfWeek Day { get; set; }

    public TimeOnly Start { get; set; }

    public TimeOnly End { get; set; }
}

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
