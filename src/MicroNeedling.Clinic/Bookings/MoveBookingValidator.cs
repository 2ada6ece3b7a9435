using FluentValidation;
using MicroNeedling.Clinic.Common;

namespace MicroNeedling.Clinic.Bookings;

public sealed class MoveBookingValidator : AbstractValidator<MoveBookingCommand>
{
    public MoveBookingValidator()
    {
        this.AddSlotRules();
        RuleFor(c => c.Reason).MaximumLength(1000).WithMessage("The reason can be at most 1000 characters.");
    }
}
