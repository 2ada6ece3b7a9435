using System.Text.RegularExpressions;
using FluentValidation;
using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.CourseScheduling;

namespace MicroNeedling.Clinic.Patients;

/// <summary>Register or edit a patient. The same command serves both, so both get the same rules.</summary>
public sealed class SavePatientCommand
{
    public string FirstName { get; set; } = "";

    public string LastName { get; set; } = "";

    public DateOnly? DateOfBirth { get; set; }

    public string Phone { get; set; } = "";

    public string? Email { get; set; }

    /// <summary>The patient agreed to appointment e-mails (confirmations, changes, reminders, aftercare, slot offers).</summary>
    public bool AppointmentEmails { get; set; }

    /// <summary>The patient agreed to a maintenance recall e-mail.</summary>
    public bool RecallEmails { get; set; }

    public FitzpatrickType? SkinType { get; set; }

    public List<Concern> Concerns { get; set; } = [];

    public List<TreatmentArea> TreatmentAreas { get; set; } = [];

    public string? Notes { get; set; }

    public List<Weekdays> PreferredDays { get; set; } = [];

    public TimeOfDayPreference PreferredTimeOfDay { get; set; }

    /// <summary>The user has seen the warning that a patient with the same name and date of birth exists, and confirmed.</summary>
    public bool ConfirmDuplicate { get; set; }

    public static SavePatientCommand From(Patient p) => new()
    {
        FirstName = p.FirstName,
        LastName = p.LastName,
        DateOfBirth = p.DateOfBirth,
        Phone = p.Phone,
        Email = p.Email,
        AppointmentEmails = p.AppointmentEmails,
        RecallEmails = p.RecallEmails,
        SkinType = p.SkinType,
        Concerns = FlagsList.Split(p.Concerns),
        TreatmentAreas = FlagsList.Split(p.TreatmentAreas),
        Notes = p.Notes,
        PreferredDays = FlagsList.Split(p.PreferredDays),
        PreferredTimeOfDay = p.PreferredTimeOfDay,
    };

    public void ApplyTo(Patient p)
    {
        p.FirstName = FirstName.Trim();
        p.LastName = LastName.Trim();
        p.NormalizedFirstName = Patient.Normalize(FirstName);
        p.NormalizedLastName = Patient.Normalize(LastName);
        p.DateOfBirth = DateOfBirth!.Value;
        p.Phone = Phone.Trim();
        p.Email = string.IsNullOrWhiteSpace(Email) ? null : Email.Trim();
        p.AppointmentEmails = AppointmentEmails && p.Email is not null;
        p.RecallEmails = RecallEmails && p.Email is not null;
        p.SkinType = SkinType;
        p.Concerns = FlagsList.Combine(Concerns);
        p.TreatmentAreas = FlagsList.Combine(TreatmentAreas);
        p.Notes = string.IsNullOrWhiteSpace(Notes) ? null : Notes.Trim();
        p.PreferredDays = FlagsList.Combine(PreferredDays);
        p.PreferredTimeOfDay = PreferredTimeOfDay;
    }
}

public sealed partial class SavePatientValidator : AbstractValidator<SavePatientCommand>
{
    /// <summary>Oldest age we accept as a typing mistake guard; nobody is treated at 120.</summary>
    public const int MaxPlausibleAge = 120;

    public SavePatientValidator(TimeProvider time)
    {
        RuleFor(c => c.FirstName).NotEmpty().WithMessage("Enter the patient's first name.")
            .MaximumLength(100).WithMessage("The first name can be at most 100 characters.");
        RuleFor(c => c.LastName).NotEmpty().WithMessage("Enter the patient's last name.")
            .MaximumLength(100).WithMessage("The last name can be at most 100 characters.");

        RuleFor(c => c.DateOfBirth).NotNull().WithMessage("Enter the date of birth.");
        RuleFor(c => c.DateOfBirth!.Value)
            .Must(dob => dob < Today(time)).WithMessage("The date of birth must be in the past.")
            .Must(dob => Age.YearsOn(dob, Today(time)) <= MaxPlausibleAge)
            .WithMessage($"Check the date of birth: the patient would be over {MaxPlausibleAge}.")
            .OverridePropertyName(nameof(SavePatientCommand.DateOfBirth))
            .When(c => c.DateOfBirth.HasValue);

        RuleFor(c => c.Phone).NotEmpty().WithMessage("Enter a phone number.")
            .MaximumLength(40).WithMessage("The phone number can be at most 40 characters.")
            .Must(BeAPhoneNumber).WithMessage("Enter a phone number of 7 to 15 digits, for example +44 20 7946 0958.")
            .When(c => !string.IsNullOrWhiteSpace(c.Phone), ApplyConditionTo.CurrentValidator);

        RuleFor(c => c.Email).Matches(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")
            .WithMessage("Enter an e-mail address like name@example.com.")
            .MaximumLength(254)
            .When(c => !string.IsNullOrWhiteSpace(c.Email));

        RuleFor(c => c.Email).NotEmpty().WithMessage("Enter the e-mail address the patient agreed to be sent e-mails at.")
            .When(c => c.AppointmentEmails || c.RecallEmails);

        RuleFor(c => c.SkinType).IsInEnum().WithMessage("Choose a Fitzpatrick skin type from I to VI.");
        RuleForEach(c => c.Concerns).IsInEnum().Must(v => v != Concern.None).WithMessage("Choose concerns from the list.");
        RuleForEach(c => c.TreatmentAreas).IsInEnum().Must(v => v != TreatmentArea.None).WithMessage("Choose areas from the list.");
        RuleForEach(c => c.PreferredDays).IsInEnum().Must(v => v != Weekdays.None).WithMessage("Choose days from the list.");
        RuleFor(c => c.PreferredTimeOfDay).IsInEnum().WithMessage("Choose any time, mornings or afternoons.");
        RuleFor(c => c.Notes).MaximumLength(4000).WithMessage("Notes can be at most 4000 characters.");
    }

    // Patients' phones are entered in many national formats; we keep the format people type and only check it holds a
    // plausible number of digits (E.164 allows at most 15) and no letters.
    public static bool BeAPhoneNumber(string phone)
    {
        if (!PhoneCharacters().IsMatch(phone))
        {
            return false;
        }

        var digits = phone.Count(char.IsAsciiDigit);
        return digits is >= 7 and <= 15;
    }

    private static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    [GeneratedRegex(@"^\+?[0-9 ()\-.]+$")]
    private static partial Regex PhoneCharacters();
}
