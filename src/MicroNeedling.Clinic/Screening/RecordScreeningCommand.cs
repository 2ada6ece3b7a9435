using FluentValidation;
using MicroNeedling.Clinic.Common;

namespace MicroNeedling.Clinic.Screening;

public sealed class RecordScreeningCommand
{
    public int PatientId { get; set; }

    public bool? Eczema { get; set; }

    public bool? Psoriasis { get; set; }

    public bool? ActiveAcne { get; set; }

    public bool? OpenWounds { get; set; }

    public PregnancyAnswer? Pregnancy { get; set; }

    public bool? RadiationTherapy { get; set; }

    public DateOnly? RadiationDate { get; set; }

    public string? Notes { get; set; }

    /// <summary>Required when the screening clears a recent "not suitable" finding: what changed since (ADR 0018).</summary>
    public string? ReversalNote { get; set; }

    public ScreeningAnswers ToAnswers() =>
        new(Eczema!.Value, Psoriasis!.Value, ActiveAcne!.Value, OpenWounds!.Value, Pregnancy!.Value, RadiationTherapy!.Value,
            RadiationTherapy == true ? RadiationDate : null);
}

/// <summary>
/// Every question must be answered explicitly: a screening with a skipped question is no screening.
/// That is why the answers are nullable here and the form has no pre-selected radio buttons.
/// </summary>
public sealed class RecordScreeningValidator : AbstractValidator<RecordScreeningCommand>
{
    public RecordScreeningValidator(TimeProvider time)
    {
        RuleFor(c => c.Eczema).NotNull().WithMessage("Answer whether the patient has eczema.");
        RuleFor(c => c.Psoriasis).NotNull().WithMessage("Answer whether the patient has psoriasis.");
        RuleFor(c => c.ActiveAcne).NotNull().WithMessage("Answer whether the patient has active acne.");
        RuleFor(c => c.OpenWounds).NotNull().WithMessage("Answer whether the patient has open wounds in the area.");
        RuleFor(c => c.Pregnancy).NotNull().WithMessage("Answer whether the patient is pregnant.")
            .IsInEnum().WithMessage("Choose yes, no or not applicable for pregnancy.");
        RuleFor(c => c.RadiationTherapy).NotNull().WithMessage("Answer whether the patient has had radiation therapy.");
        RuleFor(c => c.RadiationDate)
            .Must(d => d <= DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime.AddDays(1)))
            .WithMessage("The radiation date cannot be in the future.")
            .GreaterThanOrEqualTo(new DateOnly(1900, 1, 1)).WithMessage("Enter a radiation date after 1900.")
            .When(c => c.RadiationTherapy == true && c.RadiationDate.HasValue);
        // A date left behind when the answer changed to "no" is ignored, but a year outside 1900–2100 is still refused.
        RuleFor(c => c.RadiationDate)
            .InclusiveBetween(new DateOnly(1900, 1, 1), ClinicDates.Last).WithMessage("Enter a radiation date between 1900 and 2100.")
            .When(c => c.RadiationTherapy != true && c.RadiationDate.HasValue);
        RuleFor(c => c.Notes).MaximumLength(4000).WithMessage("Notes can be at most 4000 characters.");
        RuleFor(c => c.ReversalNote).MaximumLength(2000).WithMessage("The note of what changed can be at most 2000 characters.");
    }
}

public sealed class RecordClearanceCommand
{
    public int ScreeningId { get; set; }

    public string DoctorName { get; set; } = "";

    public DateOnly? ClearedOn { get; set; }

    public string? Note { get; set; }

    /// <summary>The doctor's letter (PDF, JPEG or PNG), optional; attached to the patient as a clearance letter.</summary>
    public byte[]? Letter { get; set; }

    public string? LetterFileName { get; set; }
}

public sealed class RecordClearanceValidator : AbstractValidator<RecordClearanceCommand>
{
    public RecordClearanceValidator(TimeProvider time)
    {
        RuleFor(c => c.DoctorName).NotEmpty().WithMessage("Enter the name of the doctor who gave the clearance.")
            .MaximumLength(200).WithMessage("The doctor's name can be at most 200 characters.");
        RuleFor(c => c.ClearedOn).NotNull().WithMessage("Enter the date of the clearance.").WithinClinicYears();
        RuleFor(c => c.ClearedOn)
            .Must(d => d <= DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime.AddDays(1)))
            .WithMessage("The clearance date cannot be in the future.")
            .When(c => c.ClearedOn.HasValue);
        RuleFor(c => c.Note).MaximumLength(4000).WithMessage("The note can be at most 4000 characters.");
    }
}
