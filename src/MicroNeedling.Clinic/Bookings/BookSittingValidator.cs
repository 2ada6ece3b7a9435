using FluentValidation;
using MicroNeedling.Clinic.Common;

namespace MicroNeedling.Clinic.Bookings;

public sealed class BookSittingValidator : AbstractValidator<BookSittingCommand>
{
    public BookSittingValidator() => this.AddSlotRules();
}
