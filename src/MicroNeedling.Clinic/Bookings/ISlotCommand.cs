using FluentValidation;
using MicroNeedling.Clinic.Common;

namespace MicroNeedling.Clinic.Bookings;

/// <summary>Where and when a sitting happens, in the clinic's local time.</summary>
public interface ISlotCommand
{
    string ClinicianId { get; }

    int? RoomId { get; }

    DateOnly? Date { get; }

    TimeOnly? Time { get; }

    /// <summary>The user saw the warning that the interval exceeds the recommended maximum, and confirmed.</summary>
    bool ConfirmLongInterval { get; }
}
