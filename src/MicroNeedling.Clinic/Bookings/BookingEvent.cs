using System.ComponentModel.DataAnnotations;
using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.Plans;

namespace MicroNeedling.Clinic.Bookings;

/// <summary>One change to a booking: who, when, from where to where, and why.</summary>
public sealed class BookingEvent : IStamped
{
    public int Id { get; set; }

    public int BookingId { get; set; }

    public BookingEventKind Kind { get; set; }

    public DateTime? FromStartUtc { get; set; }

    public DateTime? ToStartUtc { get; set; }

    public string? FromClinicianId { get; set; }

    public string? ToClinicianId { get; set; }

    public int? FromRoomId { get; set; }

    public int? ToRoomId { get; set; }

    public string? Reason { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public string CreatedBy { get; set; } = "";
}
