using FluentValidation;
using MicroNeedling.Clinic.Common;

namespace MicroNeedling.Clinic.Bookings;

public sealed class CancelBookingValidator : AbstractValidator<CancelBookingCommand>
{
    public CancelBookingValidator() =>
        RuleFor(c => c.Reason).NotEmpty().WithMessage("Give a reason for cancelling.")
            .MaximumLength(1000).WithMessage("The reason can be at most 1000 characters.");
}
