using FluentValidation;
using MicroNeedling.Clinic.Common;

namespace MicroNeedling.Clinic.Bookings;

public sealed class CancelBookingCommand
{
    public int BookingId { get; set; }

    public string Reason { get; set; } = "";
}
