using MicroNeedling.Clinic.Screening;
using MicroNeedling.Clinic.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace MicroNeedling.Clinic.Tests.Validation;

/// <summary>A screening with a skipped question is no screening; a clearance needs a doctor and a date. "Now" is 10 March 2026, 10:00 UTC.</summary>
public sealed class RecordingAScreeningValidationTests
{
    private static readonly DateOnly Today = new(2026, 3, 10);
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 3, 10, 10, 0, 0, TimeSpan.Zero));
    private readonly RecordScreeningValidator screeningValidator = new(Clock);
    private readonly RecordClearanceValidator clearanceValidator = new(Clock);

    private static readonly Dictionary<string, Action<RecordScreeningCommand>> ScreeningChanges = new()
    {
        ["eczema unanswered"] = c => c.Eczema = null,
        ["psoriasis unanswered"] = c => c.Psoriasis = null,
        ["active acne unanswered"] = c => c.ActiveAcne = null,
        ["open wounds unanswered"] = c => c.OpenWounds = null,
        ["pregnancy unanswered"] = c => c.Pregnancy = null,
        ["pregnancy answer unknown"] = c => c.Pregnancy = (PregnancyAnswer)3,
        ["radiation unanswered"] = c => c.RadiationTherapy = null,
        ["radiation ends in two days"] = c => (c.RadiationTherapy, c.RadiationDate) = (true, Today.AddDays(2)),
        ["notes of 4001 characters"] = c => c.Notes = new string('n', 4001),
        // Accepted variations:
        ["radiation on an unknown date"] = c => (c.RadiationTherapy, c.RadiationDate) = (true, null),
        ["radiation today"] = c => (c.RadiationTherapy, c.RadiationDate) = (true, Today),
        ["radiation tomorrow, a time zone ahead of UTC"] = c => (c.RadiationTherapy, c.RadiationDate) = (true, Today.AddDays(1)),
        ["stray future date with no radiation"] = c => (c.RadiationTherapy, c.RadiationDate) = (false, Today.AddYears(1)),
        ["pregnancy not applicable"] = c => c.Pregnancy = PregnancyAnswer.NotApplicable,
        ["every hard stop yes"] = c => (c.Eczema, c.Psoriasis, c.ActiveAcne, c.OpenWounds) = (true, true, true, true),
    };

    public static TheoryData<string, string> RefusedScreenings() => new()
    {
        { "eczema unanswered", nameof(RecordScreeningCommand.Eczema) },
        { "psoriasis unanswered", nameof(RecordScreeningCommand.Psoriasis) },
        { "active acne unanswered", nameof(RecordScreeningCommand.ActiveAcne) },
        { "open wounds unanswered", nameof(RecordScreeningCommand.OpenWounds) },
        { "pregnancy unanswered", nameof(RecordScreeningCommand.Pregnancy) },
        { "pregnancy answer unknown", nameof(RecordScreeningCommand.Pregnancy) },
        { "radiation unanswered", nameof(RecordScreeningCommand.RadiationTherapy) },
        { "radiation ends in two days", nameof(RecordScreeningCommand.RadiationDate) },
        { "notes of 4001 characters", nameof(RecordScreeningCommand.Notes) },
    };

    public static TheoryData<string> AcceptedScreenings() => new()
    {
        "radiation on an unknown date",
        "radiation today",
        "radiation tomorrow, a time zone ahead of UTC",
        "stray future date with no radiation",
        "pregnancy not applicable",
        "every hard stop yes",
    };

    [Theory]
    [MemberData(nameof(RefusedScreenings))]
    public void A_screening_with_a_missing_or_impossible_answer_is_refused_on_its_field(string change, string expectedField)
    {
        var command = Commands.NoToEverything(patientId: 1);
        ScreeningChanges[change](command);

        var error = Assert.Single(screeningValidator.Validate(command).Errors);

        Assert.Equal(expectedField, error.PropertyName);
    }

    [Theory]
    [MemberData(nameof(AcceptedScreenings))]
    public void A_fully_answered_screening_is_accepted(string change)
    {
        var command = Commands.NoToEverything(patientId: 1);
        ScreeningChanges[change](command);

        Assert.True(screeningValidator.Validate(command).IsValid);
    }

    [Fact]
    public void An_untouched_form_reports_every_unanswered_question()
    {
        var result = screeningValidator.Validate(new RecordScreeningCommand { PatientId = 1 });

        Assert.Equal(
            ["ActiveAcne", "Eczema", "OpenWounds", "Pregnancy", "Psoriasis", "RadiationTherapy"],
            result.Errors.Select(e => e.PropertyName).Order());
    }

    public static TheoryData<string, string> RefusedClearances() => new()
    {
        { "no doctor", nameof(RecordClearanceCommand.DoctorName) },
        { "blank doctor", nameof(RecordClearanceCommand.DoctorName) },
        { "doctor name of 201 characters", nameof(RecordClearanceCommand.DoctorName) },
        { "no date", nameof(RecordClearanceCommand.ClearedOn) },
        { "cleared in two days", nameof(RecordClearanceCommand.ClearedOn) },
        { "note of 4001 characters", nameof(RecordClearanceCommand.Note) },
    };

    private static readonly Dictionary<string, Action<RecordClearanceCommand>> ClearanceChanges = new()
    {
        ["no doctor"] = c => c.DoctorName = "",
        ["blank doctor"] = c => c.DoctorName = "  ",
        ["doctor name of 201 characters"] = c => c.DoctorName = new string('d', 201),
        ["no date"] = c => c.ClearedOn = null,
        ["cleared in two days"] = c => c.ClearedOn = Today.AddDays(2),
        ["note of 4001 characters"] = c => c.Note = new string('n', 4001),
    };

    [Theory]
    [MemberData(nameof(RefusedClearances))]
    public void An_incomplete_clearance_is_refused_on_its_field(string change, string expectedField)
    {
        var command = Commands.Clearance(screeningId: 1);
        ClearanceChanges[change](command);

        var error = Assert.Single(clearanceValidator.Validate(command).Errors);

        Assert.Equal(expectedField, error.PropertyName);
    }

    // The validator has no clinic time zone, so it tolerates one day past the UTC date for zones ahead of UTC.
    [Theory]
    [InlineData(-30)]
    [InlineData(0)]
    [InlineData(1)]
    public void A_clearance_dated_no_later_than_tomorrow_UTC_is_accepted(int daysFromToday)
    {
        var command = Commands.Clearance(screeningId: 1);
        command.ClearedOn = Today.AddDays(daysFromToday);
        command.Note = null;

        Assert.True(clearanceValidator.Validate(command).IsValid);
    }
}
