using FluentValidation;

namespace MicroNeedling.Clinic.Consent;

public sealed class SaveConsentTemplateValidator : AbstractValidator<SaveConsentTemplateCommand>
{
    public SaveConsentTemplateValidator()
    {
        RuleFor(c => c.Title).NotEmpty().WithMessage("Give the consent a title.")
            .MaximumLength(ConsentLimits.TitleLength).WithMessage($"The title can be at most {ConsentLimits.TitleLength} characters.");
        RuleFor(c => c.Body).NotEmpty().WithMessage("Write the consent text.")
            .MaximumLength(ConsentLimits.BodyLength).WithMessage($"The text can be at most {ConsentLimits.BodyLength:N0} characters.")
            .Must(b => Common.MeaningfulText.WordCount(b) >= 20).WithMessage("The consent text must say what the patient consents to: at least 20 words.");
    }
}
