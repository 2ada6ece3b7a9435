using MicroNeedling.Clinic.Bookings;
using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.Data;
using MicroNeedling.Clinic.Settings;
using Microsoft.EntityFrameworkCore;

namespace MicroNeedling.Clinic.Calendar;

/// <summary>One booking as the calendar shows it, in clinic-local time.</summary>
public sealed record CalendarEntry(
    int BookingId,
    DateTime LocalStart,
    DateTime LocalNeedlingStart,
    DateTime LocalEnd,
    BookingStatus Status,
    string ClinicianId,
    int RoomId,
    string RoomName,
    int PatientId,
    string PatientName,
    int SittingNumber,
    int SittingCount)
{
    /// <summary>The course is on hold after a severe side effect.</summary>
    public bool CourseOnHold { get; init; }

    /// <summary>The patient's screening will have expired by the sitting: the check-in re-screen renews it.</summary>
    public bool ReScreenAtCheckIn { get; init; }

    /// <summary>The course has no consent that lets the sitting start: it is signed at the visit, before the needling.</summary>
    public bool ConsentToSign { get; init; }
}
