using FluentValidation;
using MicroNeedling.Clinic.CourseScheduling;
using MicroNeedling.Clinic.Patients;

namespace MicroNeedling.Clinic.Waitlist;

/// <summary>Front desk puts a course whose next sitting is due on the waitlist, with the days and times the patient can come.</summary>
public sealed class AddToWaitlistCommand
{
    public int PlanId { get; set; }

    public List<Weekdays> PreferredDays { get; set; } = [];

    public TimeOfDayPreference PreferredTimeOfDay { get; set; }

    public string? Note { get; set; }
}

public sealed class AddToWaitlistValidator : AbstractValidator<AddToWaitlistCommand>
{
    public AddToWaitlistValidator()
    {
        RuleForEach(c => c.PreferredDays).IsInEnum().Must(d => d != Weekdays.None).WithMessage("Choose days from the list.");
        RuleFor(c => c.PreferredTimeOfDay).IsInEnum().WithMessage("Choose any time, mornings or afternoons.");
        RuleFor(c => c.Note).MaximumLength(500).WithMessage("The note can be at most 500 characters.");
    }
}
