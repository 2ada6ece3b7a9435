using FluentValidation;
using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.Patients;
using MicroNeedling.Clinic.Plans;

namespace MicroNeedling.Clinic.Settings;

public sealed class UpdateSettingsCommand
{
    public string ClinicName { get; set; } = "";

    public string ClinicPhone { get; set; } = "";

    public string ClinicAddress { get; set; } = "";

    public int ReminderHoursBefore { get; set; }

    public string PreVisitInstructions { get; set; } = "";

    public string TimeZoneId { get; set; } = "";

    public int MinimumAge { get; set; }

    public int ScreeningValidityDays { get; set; }

    public int RadiationWindowMonths { get; set; }

    public int SittingsPerCourse { get; set; }

    public int MinutesPerSitting { get; set; }

    public int MinIntervalDays { get; set; }

    public int MaxIntervalDays { get; set; }

    public int NumbingLeadMinutes { get; set; }

    public int TurnoverMinutes { get; set; }

    public int ExpectedEffectReviewDays { get; set; }

    public int HardStopReversalDays { get; set; }

    public int NoShowGraceMinutes { get; set; }

    public int LateCancellationHours { get; set; }

    public int MaintenanceMonths { get; set; }

    public string AftercareText { get; set; } = "";

    public static UpdateSettingsCommand From(ClinicSettings s) => new()
    {
        ClinicName = s.ClinicName,
        ClinicPhone = s.ClinicPhone,
        ClinicAddress = s.ClinicAddress,
        ReminderHoursBefore = s.ReminderHoursBefore,
        PreVisitInstructions = s.PreVisitInstructions,
        TimeZoneId = s.TimeZoneId,
        MinimumAge = s.MinimumAge,
        ScreeningValidityDays = s.ScreeningValidityDays,
        RadiationWindowMonths = s.RadiationWindowMonths,
        SittingsPerCourse = s.SittingsPerCourse,
        MinutesPerSitting = s.MinutesPerSitting,
        MinIntervalDays = s.MinIntervalDays,
        MaxIntervalDays = s.MaxIntervalDays,
        NumbingLeadMinutes = s.NumbingLeadMinutes,
        TurnoverMinutes = s.TurnoverMinutes,
        ExpectedEffectReviewDays = s.ExpectedEffectReviewDays,
        HardStopReversalDays = s.HardStopReversalDays,
        NoShowGraceMinutes = s.NoShowGraceMinutes,
        LateCancellationHours = s.LateCancellationHours,
        MaintenanceMonths = s.MaintenanceMonths,
        AftercareText = s.AftercareText,
    };

    public void ApplyTo(ClinicSettings s)
    {
        s.ClinicName = ClinicName.Trim();
        s.ClinicPhone = (ClinicPhone ?? "").Trim();
        s.ClinicAddress = (ClinicAddress ?? "").Trim();
        s.ReminderHoursBefore = ReminderHoursBefore;
        s.PreVisitInstructions = PreVisitInstructions.Trim();
        s.TimeZoneId = TimeZoneId.Trim();
        s.MinimumAge = MinimumAge;
        s.ScreeningValidityDays = ScreeningValidityDays;
        s.RadiationWindowMonths = RadiationWindowMonths;
        s.SittingsPerCourse = SittingsPerCourse;
        s.MinutesPerSitting = MinutesPerSitting;
        s.MinIntervalDays = MinIntervalDays;
        s.MaxIntervalDays = MaxIntervalDays;
        s.NumbingLeadMinutes = NumbingLeadMinutes;
        s.TurnoverMinutes = TurnoverMinutes;
        s.ExpectedEffectReviewDays = ExpectedEffectReviewDays;
        s.HardStopReversalDays = HardStopReversalDays;
        s.NoShowGraceMinutes = NoShowGraceMinutes;
        s.LateCancellationHours = LateCancellationHours;
        s.MaintenanceMonths = MaintenanceMonths;
        s.AftercareText = AftercareText.Trim();
    }
}

public sealed class UpdateSettingsValidator : AbstractValidator<UpdateSettingsCommand>
{
    public UpdateSettingsValidator()
    {
        RuleFor(c => c.ClinicName).NotEmpty().WithMessage("Enter the clinic's name.").MaximumLength(120);
        RuleFor(c => c.ClinicPhone).MaximumLength(40).WithMessage("The phone number can be at most 40 characters.")
            .Must(SavePatientValidator.BeAPhoneNumber).WithMessage("Enter a phone number of 7 to 15 digits, for example +44 20 7946 0958.")
            .When(c => !string.IsNullOrWhiteSpace(c.ClinicPhone), ApplyConditionTo.CurrentValidator);
        RuleFor(c => c.ClinicAddress).MaximumLength(300).WithMessage("The address can be at most 300 characters.");
        RuleFor(c => c.ReminderHoursBefore).InclusiveBetween(0, 168).WithMessage("The reminder must be between 0 (none) and 168 hours (a week) before.");
        RuleFor(c => c.PreVisitInstructions).NotEmpty().WithMessage("Enter what patients should know before they come.")
            .MaximumLength(4000).WithMessage("The instructions can be at most 4000 characters.");
        RuleFor(c => c.TimeZoneId)
            .MaximumLength(64).WithMessage("The time zone can be at most 64 characters.")
            .Must(ClinicTime.IsKnownTimeZone)
            .WithMessage("Enter an IANA time zone such as Europe/London or America/New_York.");
        // 18 is the floor from the clinical notes; a clinic may raise it (devices are cleared for adults 22 and over).
        RuleFor(c => c.MinimumAge).InclusiveBetween(18, 99).WithMessage("Minimum age must be between 18 and 99.");
        RuleFor(c => c.ScreeningValidityDays).InclusiveBetween(1, 365).WithMessage("Screening validity must be between 1 and 365 days.");
        RuleFor(c => c.RadiationWindowMonths).InclusiveBetween(1, 120).WithMessage("The radiation window must be between 1 and 120 months.");
        RuleFor(c => c.SittingsPerCourse).InclusiveBetween(PlanLimits.MinSittings, PlanLimits.MaxSittings)
            .WithMessage($"Sittings per course must be between {PlanLimits.MinSittings} and {PlanLimits.MaxSittings}.");
        RuleFor(c => c.MinutesPerSitting).InclusiveBetween(PlanLimits.MinProcedureMinutes, PlanLimits.MaxProcedureMinutes)
            .WithMessage($"Minutes per sitting must be between {PlanLimits.MinProcedureMinutes} and {PlanLimits.MaxProcedureMinutes}.");
        RuleFor(c => c.MinIntervalDays).InclusiveBetween(PlanLimits.MinIntervalDays, PlanLimits.MaxIntervalDays)
            .WithMessage($"The minimum interval must be between {PlanLimits.MinIntervalDays} and {PlanLimits.MaxIntervalDays} days.");
        RuleFor(c => c.MaxIntervalDays).GreaterThanOrEqualTo(c => c.MinIntervalDays)
            .WithMessage("The recommended maximum interval cannot be shorter than the minimum interval.")
            .LessThanOrEqualTo(PlanLimits.MaxIntervalDays)
            .WithMessage($"The recommended maximum interval must be at most {PlanLimits.MaxIntervalDays} days.");
        RuleFor(c => c.NumbingLeadMinutes).InclusiveBetween(0, PlanLimits.MaxNumbingLeadMinutes)
            .WithMessage($"Numbing lead time must be between 0 and {PlanLimits.MaxNumbingLeadMinutes} minutes.");
        RuleFor(c => c.TurnoverMinutes).InclusiveBetween(0, 60).WithMessage("The turnover buffer must be between 0 and 60 minutes.");
        RuleFor(c => c.ExpectedEffectReviewDays).InclusiveBetween(1, 60).WithMessage("The review threshold must be between 1 and 60 days.");
        RuleFor(c => c.HardStopReversalDays).InclusiveBetween(0, 365).WithMessage("The window for reversing a \"not suitable\" finding must be between 0 and 365 days.");
        RuleFor(c => c.NoShowGraceMinutes).InclusiveBetween(0, 240).WithMessage("The no-show grace period must be between 0 and 240 minutes.");
        RuleFor(c => c.LateCancellationHours).InclusiveBetween(0, 168).WithMessage("Late cancellations must be counted within 0 to 168 hours (a week) of the start.");
        // docs/domain.md: a maintenance sitting 6 to 12 months after the course.
        RuleFor(c => c.MaintenanceMonths).InclusiveBetween(6, 12).WithMessage("The maintenance sitting must be between 6 and 12 months after the course.");
        RuleFor(c => c.AftercareText).NotEmpty().WithMessage("Enter the aftercare text patients take home.").MaximumLength(4000);
    }
}
