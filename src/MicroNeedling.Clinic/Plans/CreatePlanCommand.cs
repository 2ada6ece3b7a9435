using FluentValidation;
using MicroNeedling.Clinic.Patients;

namespace MicroNeedling.Clinic.Plans;

public sealed class CreatePlanCommand
{
    public int PatientId { get; set; }

    public List<Concern> Concerns { get; set; } = [];

    public List<TreatmentArea> Areas { get; set; } = [];

    public int? SittingCount { get; set; }

    public string? SittingCountReason { get; set; }

    public int? MinutesPerSitting { get; set; }

    public int? MinIntervalDays { get; set; }

    public int? MaxIntervalDays { get; set; }

    public int? NumbingLeadMinutes { get; set; }

    public string? Notes { get; set; }
}

public sealed class CreatePlanValidator : AbstractValidator<CreatePlanCommand>
{
    public CreatePlanValidator()
    {
        RuleFor(c => c.Concerns).NotEmpty().WithMessage("Choose at least one concern to treat.");
        RuleForEach(c => c.Concerns).IsInEnum().Must(v => v != Concern.None).WithMessage("Choose concerns from the list.");
        RuleFor(c => c.Areas).NotEmpty().WithMessage("Choose at least one area to treat.");
        RuleForEach(c => c.Areas).IsInEnum().Must(v => v != TreatmentArea.None).WithMessage("Choose areas from the list.");

        RuleFor(c => c.SittingCount).NotNull().WithMessage("Enter the number of sittings.")
            .InclusiveBetween(PlanLimits.MinSittings, PlanLimits.MaxSittings)
            .WithMessage($"A course has between {PlanLimits.MinSittings} and {PlanLimits.MaxSittings} sittings.");
        RuleFor(c => c.SittingCountReason).NotEmpty()
            .WithMessage($"A course of other than {PlanLimits.StandardMinSittings} or {PlanLimits.StandardMaxSittings} sittings needs a reason.")
            .When(c => c.SittingCount is { } n && !PlanLimits.IsStandardCount(n));
        RuleFor(c => c.SittingCountReason).MaximumLength(1000);

        RuleFor(c => c.MinutesPerSitting).NotNull().WithMessage("Enter the minutes per sitting.")
            .InclusiveBetween(PlanLimits.MinProcedureMinutes, PlanLimits.MaxProcedureMinutes)
            .WithMessage($"The procedure takes {PlanLimits.MinProcedureMinutes} to {PlanLimits.MaxProcedureMinutes} minutes.");
        RuleFor(c => c.MinIntervalDays).NotNull().WithMessage("Enter the minimum interval between sittings.")
            .InclusiveBetween(PlanLimits.MinIntervalDays, PlanLimits.MaxIntervalDays)
            .WithMessage($"The minimum interval must be between {PlanLimits.MinIntervalDays} and {PlanLimits.MaxIntervalDays} days.");
        RuleFor(c => c.MaxIntervalDays).NotNull().WithMessage("Enter the recommended maximum interval.")
            .LessThanOrEqualTo(PlanLimits.MaxIntervalDays)
            .WithMessage($"The recommended maximum interval must be at most {PlanLimits.MaxIntervalDays} days.");
        RuleFor(c => c.MaxIntervalDays).GreaterThanOrEqualTo(c => c.MinIntervalDays)
            .WithMessage("The recommended maximum interval cannot be shorter than the minimum interval.")
            .When(c => c.MinIntervalDays.HasValue && c.MaxIntervalDays.HasValue);
        RuleFor(c => c.NumbingLeadMinutes).NotNull().WithMessage("Enter the numbing cream lead time.")
            .InclusiveBetween(0, PlanLimits.MaxNumbingLeadMinutes)
            .WithMessage($"The numbing lead time must be between 0 and {PlanLimits.MaxNumbingLeadMinutes} minutes.");
        RuleFor(c => c.Notes).MaximumLength(4000).WithMessage("Notes can be at most 4000 characters.");
    }
}

public sealed class CancelPlanCommand
{
    public int PlanId { get; set; }

    public string Reason { get; set; } = "";
}

public sealed class CancelPlanValidator : AbstractValidator<CancelPlanCommand>
{
    public CancelPlanValidator()
    {
        // 900, not 1000: the reason is copied into each booking's history as "Course cancelled: …".
        RuleFor(c => c.Reason).NotEmpty().WithMessage("Give a reason for cancelling the course.")
            .MaximumLength(900).WithMessage("The reason can be at most 900 characters.");
    }
}
