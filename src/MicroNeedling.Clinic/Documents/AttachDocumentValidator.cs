using FluentValidation;

namespace MicroNeedling.Clinic.Documents;

public sealed class AttachDocumentValidator : AbstractValidator<AttachDocumentCommand>
{
    public AttachDocumentValidator()
    {
        RuleFor(c => c.Kind).NotNull().WithMessage("Choose what kind of document this is.")
            .IsInEnum().WithMessage("Choose what kind of document this is.");
        RuleFor(c => c.Title).NotEmpty().WithMessage("Give the document a title, for example \"Letter from Dr Smith\".")
            .MaximumLength(200).WithMessage("The title can be at most 200 characters.");
        RuleFor(c => c.Content).NotEmpty().WithMessage("Choose a PDF, JPEG or PNG file to attach.");
    }
}
