using FluentValidation;
using MicroNeedling.Clinic.Common;

namespace MicroNeedling.Clinic.Bookings;

/// <summary>The slot fields every booking form shares, so booking and moving say the same things.</summary>
public static class SlotRules
{
    public static void AddSlotRules<T>(this AbstractValidator<T> validator)
        where T : ISlotCommand
    {
        validator.RuleFor(c => c.ClinicianId).NotEmpty().WithMessage("Choose a clinician.");
        validator.RuleFor(c => c.RoomId).NotNull().WithMessage("Choose a room.");
        validator.RuleFor(c => c.Date).NotNull().WithMessage("Enter the date.").WithinClinicYears();
        validator.RuleFor(c => c.Time).NotNull().WithMessage("Enter the start time.");
    }
}
