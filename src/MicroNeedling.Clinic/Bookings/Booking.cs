using System.ComponentModel.DataAnnotations;
using MicroNeedling.Clinic.ClinicSetup;
using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.Plans;

namespace MicroNeedling.Clinic.Bookings;

/// <summary>
/// One appointment for one planned sitting. The appointment runs from <see cref="StartUtc"/> (the patient arrives and the
/// numbing cream goes on) through <see cref="NeedlingStartUtc"/> to <see cref="EndUtc"/>, which includes the turnover buffer.
/// Nothing is deleted: a cancelled or no-show booking stays, and the sitting can be booked again.
/// </summary>
public sealed class Booking : IStamped
{
    public int Id { get; set; }

    public int PlannedSittingId { get; set; }

    public PlannedSitting? Sitting { get; set; }

    /// <summary>Copied from the course so that the patient-overlap check is one indexed query.</summary>
    public int PatientId { get; set; }

    public string ClinicianId { get; set; } = "";

    public int RoomId { get; set; }

    public Room? Room { get; set; }

    public DateTime StartUtc { get; set; }

    public DateTime NeedlingStartUtc { get; set; }

    public DateTime EndUtc { get; set; }

    public BookingStatus Status { get; set; }

    public string? CancellationReason { get; set; }

    /// <summary>Why the sitting was stopped at check-in (for example a "not suitable" answer at the re-screen).</summary>
    public string? NotPerformedReason { get; set; }

    public List<BookingEvent> History { get; set; } = [];

    /// <summary>
    /// A live booking holds its slot and its sitting: booked, checked in or completed. Cancelled and no-show bookings
    /// stay as history and free both. The same list is in the filter of IX_Bookings_PlannedSittingId_Live.
    /// </summary>
    public static readonly System.Linq.Expressions.Expression<Func<Booking, bool>> IsLive =
        b => b.Status == BookingStatus.Booked || b.Status == BookingStatus.CheckedIn || b.Status == BookingStatus.Completed;

    public DateTime CreatedAtUtc { get; set; }

    public string CreatedBy { get; set; } = "";
}
