using FluentValidation;

namespace MicroNeedling.Clinic.Consent;

public sealed class SignConsentValidator : AbstractValidator<SignConsentCommand>
{
    public SignConsentValidator()
    {
        RuleFor(c => c.ReadAndDisclosed).Equal(true)
            .WithMessage("The patient must confirm that they have read the consent and told the clinician about every condition that applies.");
        RuleFor(c => c.PhotosForTeachingOrMarketing).Equal(false).When(c => !c.PhotosForClinicalRecord)
            .WithMessage("Teaching or marketing use needs photos for the clinical record too: tick both, or neither.");
        RuleFor(c => c.PatientSignature).Custom((value, context) =>
        {
            var (_, refusal) = SignatureImage.Read(value, "The patient's");
            if (refusal is not null)
            {
                context.AddFailure(refusal);
            }
        });
        RuleFor(c => c.ClinicianSignature).Custom((value, context) =>
        {
            var (_, refusal) = SignatureImage.Read(value, "The clinician's");
            if (refusal is not null)
            {
                context.AddFailure(refusal);
            }
        });
    }
}
