using FluentValidation;

namespace MicroNeedling.Clinic.ClinicSetup;

/// <summary>All seven weekdays of the clinic's opening hours, saved at once.</summary>
public sealed class SaveOpeningHoursCommand
{
    public List<OpeningDay> Days { get; set; } = [];
}

public sealed class SaveOpeningHoursValidator : AbstractValidator<SaveOpeningHoursCommand>
{
    public SaveOpeningHoursValidator()
    {
        RuleForEach(c => c.Days).ChildRules(day =>
        {
            day.RuleFor(d => d.Day).IsInEnum().WithMessage("Choose a weekday.");
            day.RuleFor(d => d.Opens).NotNull()
                .WithMessage(d => $"Enter the time the clinic opens on {d.Day}, or untick \"Open\".")
                .When(d => d.IsOpen);
            day.RuleFor(d => d.Closes).NotNull()
                .WithMessage(d => $"Enter the time the clinic closes on {d.Day}, or untick \"Open\".")
                .When(d => d.IsOpen);
            day.RuleFor(d => d.Closes)
                .Must((d, closes) => closes > d.Opens)
                .WithMessage(d => $"On {d.Day} the closing time must be after the opening time.")
                .When(d => d.IsOpen && d.Opens is not null && d.Closes is not null);
        });
    }
}
