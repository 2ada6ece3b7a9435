using FluentValidation;
using MicroNeedling.Clinic.Common;

namespace MicroNeedling.Clinic.Sittings;

public sealed class RecordSideEffectCommand
{
    public int PatientId { get; set; }

    public SideEffectKind? Kind { get; set; }

    public DateOnly? OnsetDate { get; set; }

    public Severity? Severity { get; set; }

    public string Description { get; set; } = "";

    public string? ActionTaken { get; set; }
}

public sealed class RecordSideEffectValidator : AbstractValidator<RecordSideEffectCommand>
{
    public RecordSideEffectValidator(TimeProvider time)
    {
        RuleFor(c => c.Kind).NotNull().WithMessage("Choose what kind of side effect it is.").IsInEnum().WithMessage("Choose a kind from the list.");
        RuleFor(c => c.OnsetDate).NotNull().WithMessage("Enter the date it started.").WithinClinicYears();
        RuleFor(c => c.OnsetDate)
            .Must(d => d <= DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime.AddDays(1)))
            .WithMessage("The onset date cannot be in the future.")
            .When(c => c.OnsetDate.HasValue);
        RuleFor(c => c.Severity).NotNull().WithMessage("Choose how severe it is.").IsInEnum().WithMessage("Choose a severity from the list.");
        RuleFor(c => c.Description).NotEmpty().WithMessage("Describe what the patient reports.")
            .MaximumLength(4000).WithMessage("The description can be at most 4000 characters.");
        RuleFor(c => c.ActionTaken).MaximumLength(4000).WithMessage("The action taken can be at most 4000 characters.");
    }
}

public sealed class ReviewSideEffectCommand
{
    public int SideEffectId { get; set; }

    public ReviewOutcome? Outcome { get; set; }

    public string Note { get; set; } = "";

    public DateOnly? ResolvedOn { get; set; }
}

public sealed class ReviewSideEffectValidator : AbstractValidator<ReviewSideEffectCommand>
{
    public ReviewSideEffectValidator()
    {
        RuleFor(c => c.Outcome).NotNull().WithMessage("Choose the outcome of the review.").IsInEnum().WithMessage("Choose an outcome from the list.");
        RuleFor(c => c.Note).NotEmpty().WithMessage("Write a note for the review.")
            .MaximumLength(4000).WithMessage("The note can be at most 4000 characters.");
    }
}
