using FluentValidation;
using MicroNeedling.Clinic.Common;

namespace MicroNeedling.Clinic.Bookings;

public sealed class BookSittingCommand : ISlotCommand
{
    public int SittingId { get; set; }

    public string ClinicianId { get; set; } = "";

    public int? RoomId { get; set; }

    public DateOnly? Date { get; set; }

    public TimeOnly? Time { get; set; }

    public bool ConfirmLongInterval { get; set; }
}
