using FluentValidation;
using MicroNeedling.Clinic.Common;

namespace MicroNeedling.Clinic.Consent;

public sealed class WithdrawConsentValidator : AbstractValidator<WithdrawConsentCommand>
{
    public WithdrawConsentValidator() =>
        RuleFor(c => c.Reason).Must(r => MeaningfulText.WordCount(r) >= 3)
            .WithMessage("Say how and when the patient withdrew consent, in a few words (for example \"by phone to reception\").")
            .MaximumLength(ConsentLimits.ReasonLength).WithMessage($"The note can be at most {ConsentLimits.ReasonLength} characters.");
}
