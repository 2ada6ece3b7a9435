using FluentValidation;
using MicroNeedling.Clinic.Common;

namespace MicroNeedling.Clinic.Scheduling;

/// <summary>Where and when a sitting happens, in the clinic's local time.</summary>
public interface ISlotCommand
{
    string ClinicianId { get; }

    int? RoomId { get; }

    DateOnly? Date { get; }

    TimeOnly? Time { get; }

    /// <summary>The user saw the warning that the interval exceeds the recommended maximum, and confirmed.</summary>
    bool ConfirmLongInterval { get; }
}

public sealed class BookSittingCommand : ISlotCommand
{
    public int SittingId { get; set; }

    public string ClinicianId { get; set; } = "";

    public int? RoomId { get; set; }

    public DateOnly? Date { get; set; }

    public TimeOnly? Time { get; set; }

    public bool ConfirmLongInterval { get; set; }
}

public sealed class MoveBookingCommand : ISlotCommand
{
    public int BookingId { get; set; }

    public string ClinicianId { get; set; } = "";

    public int? RoomId { get; set; }

    public DateOnly? Date { get; set; }

    public TimeOnly? Time { get; set; }

    public string? Reason { get; set; }

    public bool ConfirmLongInterval { get; set; }
}

public sealed class CancelBookingCommand
{
    public int BookingId { get; set; }

    public string Reason { get; set; } = "";
}

/// <summary>The slot fields every booking form shares, so booking and moving say the same things.</summary>
public static class SlotRules
{
    public static void AddSlotRules<T>(this AbstractValidator<T> validator)
        where T : ISlotCommand
    {
        validator.RuleFor(c => c.ClinicianId).NotEmpty().WithMessage("Choose a clinician.");
        validator.RuleFor(c => c.RoomId).NotNull().WithMessage("Choose a room.");
        validator.RuleFor(c => c.Date).NotNull().WithMessage("Enter the date.").WithinClinicYears();
        validator.RuleFor(c => c.Time).NotNull().WithMessage("Enter the start time.");
    }
}

public sealed class BookSittingValidator : AbstractValidator<BookSittingCommand>
{
    public BookSittingValidator() => this.AddSlotRules();
}

public sealed class MoveBookingValidator : AbstractValidator<MoveBookingCommand>
{
    public MoveBookingValidator()
    {
        this.AddSlotRules();
        RuleFor(c => c.Reason).MaximumLength(1000).WithMessage("The reason can be at most 1000 characters.");
    }
}

public sealed class CancelBookingValidator : AbstractValidator<CancelBookingCommand>
{
    public CancelBookingValidator() =>
        RuleFor(c => c.Reason).NotEmpty().WithMessage("Give a reason for cancelling.")
            .MaximumLength(1000).WithMessage("The reason can be at most 1000 characters.");
}
