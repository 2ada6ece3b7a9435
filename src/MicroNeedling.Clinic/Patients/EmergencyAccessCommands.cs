using FluentValidation;

namespace MicroNeedling.Clinic.Patients;

/// <summary>A clinician's "break-glass" request to open a record restricted to another clinician.</summary>
public sealed class GrantEmergencyAccessCommand
{
    public int PatientId { get; set; }

    public string Reason { get; set; } = "";
}

public sealed class GrantEmergencyAccessValidator : AbstractValidator<GrantEmergencyAccessCommand>
{
    /// <summary>Long enough that "x" or "urgent" is not accepted: the reviewing admin must be able to judge the reason.</summary>
    public const int MinimumReasonLength = 10;

    public const int MaximumReasonLength = 2000;

    public GrantEmergencyAccessValidator() =>
        RuleFor(c => c.Reason)
            .Cascade(CascadeMode.Stop)
            .Must(r => !string.IsNullOrWhiteSpace(r)).WithMessage("Give the reason you need this record now.")
            .Must(r => r.Trim().Length >= MinimumReasonLength)
            .WithMessage($"Say a little more: the reason must be at least {MinimumReasonLength} characters, so an admin can review it.")
            .MaximumLength(MaximumReasonLength).WithMessage($"The reason can be at most {MaximumReasonLength} characters.")
            // Ten dots are ten characters: the reason must be words an admin can review.
            .Must(r => Common.MeaningfulText.WordCount(r) >= 3)
            .WithMessage("Write the reason in words (at least three), so an admin can review it.");
}

/// <summary>An admin's review of one emergency access.</summary>
public sealed class ReviewEmergencyAccessCommand
{
    public int GrantId { get; set; }

    public string? Note { get; set; }
}

public sealed class ReviewEmergencyAccessValidator : AbstractValidator<ReviewEmergencyAccessCommand>
{
    public ReviewEmergencyAccessValidator() =>
        RuleFor(c => c.Note).MaximumLength(2000).WithMessage("The note can be at most 2000 characters.");
}
