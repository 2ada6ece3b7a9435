using FluentValidation;
using MicroNeedling.Clinic.Common;

namespace MicroNeedling.Clinic.ClinicSetup;

/// <summary>Time off for a clinician: an inclusive range of clinic-local dates.</summary>
public sealed class AddTimeOffCommand
{
    public const int MaxReasonLength = 200;

    public DateOnly? From { get; set; }

    public DateOnly? To { get; set; }

    public string? Reason { get; set; }
}

public sealed class AddTimeOffValidator : AbstractValidator<AddTimeOffCommand>
{
    public AddTimeOffValidator()
    {
        RuleFor(c => c.From).NotNull().WithMessage("Enter the first day off.").WithinClinicYears();
        RuleFor(c => c.To).NotNull().WithMessage("Enter the last day off (the same as the first for a single day).").WithinClinicYears();
        RuleFor(c => c.To)
            .Must((c, to) => to >= c.From)
            .WithMessage("The last day off cannot be before the first day off.")
            .When(c => c.From is not null && c.To is not null);
        RuleFor(c => c.Reason).MaximumLength(AddTimeOffCommand.MaxReasonLength)
            .WithMessage($"The reason can be at most {AddTimeOffCommand.MaxReasonLength} characters.");
    }
}
