using FluentValidation;
using MicroNeedling.Clinic.Common;

namespace MicroNeedling.Clinic.ClinicSetup;

/// <summary>A date the clinic is closed, such as a public holiday.</summary>
public sealed class AddClosedDayCommand
{
    public const int MaxReasonLength = 200;

    public DateOnly? Date { get; set; }

    public string Reason { get; set; } = "";
}

public sealed class AddClosedDayValidator : AbstractValidator<AddClosedDayCommand>
{
    public AddClosedDayValidator()
    {
        RuleFor(c => c.Date).NotNull().WithMessage("Enter the date the clinic is closed.").WithinClinicYears();
        RuleFor(c => c.Reason).NotEmpty().WithMessage("Enter why the clinic is closed, for example \"Bank holiday\".")
            .MaximumLength(AddClosedDayCommand.MaxReasonLength)
            .WithMessage($"The reason can be at most {AddClosedDayCommand.MaxReasonLength} characters.");
    }
}
