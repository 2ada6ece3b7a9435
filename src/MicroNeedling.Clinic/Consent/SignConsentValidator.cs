using FluentValidation;

namespace MicroNeedling.Clinic.Consent;

/// <summary>
/// The form's rules. The two signatures are checked by <see cref="SignatureImage.Read"/> in <see cref="ConsentService.SignAsync"/>,
/// which decodes each once and keeps the cleaned image it checked.
/// </summary>
public sealed class SignConsentValidator : AbstractValidator<SignConsentCommand>
{
    public SignConsentValidator()
    {
        RuleFor(c => c.ReadAndDisclosed).Equal(true)
            .WithMessage("The patient must confirm that they have read the consent and told the clinician about every condition that applies.");
        RuleFor(c => c.PhotosForTeachingOrMarketing).Equal(false).When(c => !c.PhotosForClinicalRecord)
            .WithMessage("Teaching or marketing use needs photos for the clinical record too: tick both, or neither.");
    }
}
