using MicroNeedling.Clinic.Bookings;
using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.Data;
using MicroNeedling.Clinic.Plans;
using MicroNeedling.Clinic.Settings;
using Microsoft.EntityFrameworkCore;

namespace MicroNeedling.Clinic.CourseScheduling;

/// <summary>One sitting of a course with its live booking, if any.</summary>
public sealed record TimelineLine(int SittingId, int Number, int? BookingId, DateTime? LocalStart, string? ClinicianName, string? RoomName, BookingStatus? Status)
{
    /// <summary>What happened to the last booking of an unbooked sitting (cancelled, no-show, not performed), if any.</summary>
    public string? PreviousOutcome { get; init; }

    /// <summary>A booked sitting after the latest screening's last valid day: the check-in re-screen renews it.</summary>
    public bool ReScreenAtCheckIn { get; init; }

    public string StatusText => Status is { } s ? FlagsList.DisplayName(s) : "Not yet booked" + (PreviousOutcome is { } p ? $" (last: {p})" : "");
}
