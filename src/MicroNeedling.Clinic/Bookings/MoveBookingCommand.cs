using FluentValidation;
using MicroNeedling.Clinic.Common;

namespace MicroNeedling.Clinic.Bookings;

public sealed class MoveBookingCommand : ISlotCommand
{
    public int BookingId { get; set; }

    public string ClinicianId { get; set; } = "";

    public int? RoomId { get; set; }

    public DateOnly? Date { get; set; }

    public TimeOnly? Time { get; set; }

    public string? Reason { get; set; }

    public bool ConfirmLongInterval { get; set; }
}
