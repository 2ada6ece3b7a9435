using FluentValidation;

namespace MicroNeedling.Clinic.ClinicSetup;

/// <summary>Add a room, or rename one. Names are unique without regard to case; the service checks that.</summary>
public sealed class SaveRoomCommand
{
    public const int MaxNameLength = 80;

    public string Name { get; set; } = "";
}

public sealed class SaveRoomValidator : AbstractValidator<SaveRoomCommand>
{
    public SaveRoomValidator()
    {
        RuleFor(c => c.Name).NotEmpty().WithMessage("Enter the room's name.")
            .MaximumLength(SaveRoomCommand.MaxNameLength)
            .WithMessage($"A room's name can be at most {SaveRoomCommand.MaxNameLength} characters.");
    }
}
