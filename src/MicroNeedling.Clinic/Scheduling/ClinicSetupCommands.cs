using FluentValidation;
using MicroNeedling.Clinic.Common;

namespace MicroNeedling.Clinic.Scheduling;

/// <summary>The order the setup pages show a week in.</summary>
public static class Week
{
    public static readonly IReadOnlyList<DayOfWeek> MondayFirst =
    [
        DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday,
    ];

    /// <summary>True when the list holds each of the seven weekdays exactly once.</summary>
    public static bool HasEachDayOnce(IEnumerable<DayOfWeek> days) =>
        days.Order().SequenceEqual(Enum.GetValues<DayOfWeek>());
}

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

/// <summary>The clinic's opening hours on one weekday, as the form edits them.</summary>
public sealed class OpeningDay
{
    public DayOfWeek Day { get; set; }

    public bool IsOpen { get; set; }

    public TimeOnly? Opens { get; set; }

    public TimeOnly? Closes { get; set; }
}

/// <summary>All seven weekdays of the clinic's opening hours, saved at once.</summary>
public sealed class SaveOpeningHoursCommand
{
    public List<OpeningDay> Days { get; set; } = [];
}

public sealed class SaveOpeningHoursValidator : AbstractValidator<SaveOpeningHoursCommand>
{
    public SaveOpeningHoursValidator()
    {
        RuleForEach(c => c.Days).ChildRules(day =>
        {
            day.RuleFor(d => d.Day).IsInEnum().WithMessage("Choose a weekday.");
            day.RuleFor(d => d.Opens).NotNull()
                .WithMessage(d => $"Enter the time the clinic opens on {d.Day}, or untick \"Open\".")
                .When(d => d.IsOpen);
            day.RuleFor(d => d.Closes).NotNull()
                .WithMessage(d => $"Enter the time the clinic closes on {d.Day}, or untick \"Open\".")
                .When(d => d.IsOpen);
            day.RuleFor(d => d.Closes)
                .Must((d, closes) => closes > d.Opens)
                .WithMessage(d => $"On {d.Day} the closing time must be after the opening time.")
                .When(d => d.IsOpen && d.Opens is not null && d.Closes is not null);
        });
    }
}

/// <summary>A date the clinic is closed, such as a public holiday.</summary>
public sealed class AddClosedDayCommand
{
    public const int MaxReasonLength = 200;

    public DateOnly? Date { get; set; }

    public string Reason { get; set; } = "";
}

public sealed class AddClosedDayValidator : AbstractValidator<AddClosedDayCommand>
{
    public AddClosedDayValidator()
    {
        RuleFor(c => c.Date).NotNull().WithMessage("Enter the date the clinic is closed.").WithinClinicYears();
        RuleFor(c => c.Reason).NotEmpty().WithMessage("Enter why the clinic is closed, for example \"Bank holiday\".")
            .MaximumLength(AddClosedDayCommand.MaxReasonLength)
            .WithMessage($"The reason can be at most {AddClosedDayCommand.MaxReasonLength} characters.");
    }
}

/// <summary>A clinician's working hours on one weekday, as the form edits them.</summary>
public sealed class WorkingDay
{
    public DayOfWeek Day { get; set; }

    public bool Works { get; set; }

    public TimeOnly? Start { get; set; }

    public TimeOnly? End { get; set; }
}

/// <summary>
/// A clinician's regular week, saved at once. Hours outside the clinic's opening hours are allowed:
/// the booking rules use only the overlap of the two.
/// </summary>
public sealed class SaveClinicianHoursCommand
{
    public List<WorkingDay> Days { get; set; } = [];
}

public sealed class SaveClinicianHoursValidator : AbstractValidator<SaveClinicianHoursCommand>
{
    public SaveClinicianHoursValidator()
    {
        RuleForEach(c => c.Days).ChildRules(day =>
        {
            day.RuleFor(d => d.Day).IsInEnum().WithMessage("Choose a weekday.");
            day.RuleFor(d => d.Start).NotNull()
                .WithMessage(d => $"Enter the time work starts on {d.Day}, or untick \"Works\".")
                .When(d => d.Works);
            day.RuleFor(d => d.End).NotNull()
                .WithMessage(d => $"Enter the time work ends on {d.Day}, or untick \"Works\".")
                .When(d => d.Works);
            day.RuleFor(d => d.End)
                .Must((d, end) => end > d.Start)
                .WithMessage(d => $"On {d.Day} the end time must be after the start time.")
                .When(d => d.Works && d.Start is not null && d.End is not null);
        });
    }
}

/// <summary>Time off for a clinician: an inclusive range of clinic-local dates.</summary>
public sealed class AddTimeOffCommand
{
    public const int MaxReasonLength = 200;

    public DateOnly? From { get; set; }

    public DateOnly? To { get; set; }

    public string? Reason { get; set; }
}

public sealed class AddTimeOffValidator : AbstractValidator<AddTimeOffCommand>
{
    public AddTimeOffValidator()
    {
        RuleFor(c => c.From).NotNull().WithMessage("Enter the first day off.").WithinClinicYears();
        RuleFor(c => c.To).NotNull().WithMessage("Enter the last day off (the same as the first for a single day).").WithinClinicYears();
        RuleFor(c => c.To)
            .Must((c, to) => to >= c.From)
            .WithMessage("The last day off cannot be before the first day off.")
            .When(c => c.From is not null && c.To is not null);
        RuleFor(c => c.Reason).MaximumLength(AddTimeOffCommand.MaxReasonLength)
            .WithMessage($"The reason can be at most {AddTimeOffCommand.MaxReasonLength} characters.");
    }
}
