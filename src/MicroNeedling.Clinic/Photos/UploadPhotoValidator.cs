using FluentValidation;

namespace MicroNeedling.Clinic.Photos;

public sealed class UploadPhotoValidator : AbstractValidator<UploadPhotoCommand>
{
    public UploadPhotoValidator()
    {
        RuleFor(c => c.Area).NotNull().WithMessage("Choose the treated area the photo shows.")
            .IsInEnum().WithMessage("Choose the treated area the photo shows.");
        RuleFor(c => c.View).NotNull().WithMessage("Choose the view.")
            .IsInEnum().WithMessage("Choose the view.");
        RuleFor(c => c.CustomView).NotEmpty().When(c => c.View == PhotoView.Custom)
            .WithMessage("Say what the custom view shows, for example \"chin from below\".");
        RuleFor(c => c.CustomView).MaximumLength(100).WithMessage("The view's name can be at most 100 characters.");
        RuleFor(c => c.Content).NotEmpty().WithMessage("Choose a photo to upload, or take one with the camera.");
    }
}
