using FluentValidation;

namespace MicroNeedling.Clinic.ClinicSetup;

/// <summary>
/// A clinician's regular week, saved at once. Hours outside the clinic's opening hours are allowed:
/// the booking rules use only the overlap of the two.
/// </summary>
public sealed class SaveClinicianHoursCommand
{
    public List<WorkingDay> Days { get; set; } = [];
}

public sealed class SaveClinicianHoursValidator : AbstractValidator<SaveClinicianHoursCommand>
{
    public SaveClinicianHoursValidator()
    {
        RuleForEach(c => c.Days).ChildRules(day =>
        {
            day.RuleFor(d => d.Day).IsInEnum().WithMessage("Choose a weekday.");
            day.RuleFor(d => d.Start).NotNull()
                .WithMessage(d => $"Enter the time work starts on {d.Day}, or untick \"Works\".")
                .When(d => d.Works);
            day.RuleFor(d => d.End).NotNull()
                .WithMessage(d => $"Enter the time work ends on {d.Day}, or untick \"Works\".")
                .When(d => d.Works);
            day.RuleFor(d => d.End)
                .Must((d, end) => end > d.Start)
                .WithMessage(d => $"On {d.Day} the end time must be after the start time.")
                .When(d => d.Works && d.Start is not null && d.End is not null);
        });
    }
}
