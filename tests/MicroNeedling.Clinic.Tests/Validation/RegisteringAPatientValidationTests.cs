using MicroNeedling.Clinic.Patients;
using MicroNeedling.Clinic.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace MicroNeedling.Clinic.Tests.Validation;

/// <summary>The rules a patient's details must meet, whoever enters them. "Today" is 10 March 2026 (UTC).</summary>
public sealed class RegisteringAPatientValidationTests
{
    private static readonly DateOnly Today = new(2026, 3, 10);
    private readonly SavePatientValidator validator = new(new FakeTimeProvider(new DateTimeOffset(2026, 3, 10, 10, 0, 0, TimeSpan.Zero)));

    private static readonly Dictionary<string, Action<SavePatientCommand>> Changes = new()
    {
        ["no first name"] = c => c.FirstName = "",
        ["blank first name"] = c => c.FirstName = "   ",
        ["first name of 101 characters"] = c => c.FirstName = new string('a', 101),
        ["no last name"] = c => c.LastName = "",
        ["last name of 101 characters"] = c => c.LastName = new string('b', 101),
        ["no date of birth"] = c => c.DateOfBirth = null,
        ["born today"] = c => c.DateOfBirth = Today,
        ["born tomorrow"] = c => c.DateOfBirth = Today.AddDays(1),
        ["would be 121"] = c => c.DateOfBirth = Today.AddYears(-121),
        ["no phone"] = c => c.Phone = "",
        ["phone with letters"] = c => c.Phone = "0800 FLOWERS",
        ["phone of 6 digits"] = c => c.Phone = "123 456",
        ["phone of 16 digits"] = c => c.Phone = "+1234 5678 9012 3456",
        ["e-mail without at sign"] = c => c.Email = "anna.example.com",
        ["e-mail without domain dot"] = c => c.Email = "anna@example",
        ["unknown skin type"] = c => c.SkinType = (FitzpatrickType)7,
        ["concern none"] = c => c.Concerns = [Concern.None],
        ["unknown concern"] = c => c.Concerns = [(Concern)128],
        ["area none"] = c => c.TreatmentAreas = [TreatmentArea.Face, TreatmentArea.None],
        ["notes of 4001 characters"] = c => c.Notes = new string('n', 4001),
        // Accepted variations:
        ["born yesterday"] = c => c.DateOfBirth = Today.AddDays(-1),
        ["exactly 120"] = c => c.DateOfBirth = Today.AddYears(-120),
        ["phone of 7 digits"] = c => c.Phone = "794 6095",
        ["phone of 15 digits"] = c => c.Phone = "+123 456 789 012 345",
        ["phone with dots and dashes"] = c => c.Phone = "(020) 7946-0958.",
        ["no e-mail"] = c => c.Email = null,
        ["blank e-mail"] = c => c.Email = "  ",
        ["no skin type yet"] = c => c.SkinType = null,
        ["no concerns yet"] = c => c.Concerns = [],
        ["notes of 4000 characters"] = c => c.Notes = new string('n', 4000),
    };

    public static TheoryData<string, string> RefusedChanges() => new()
    {
        { "no first name", nameof(SavePatientCommand.FirstName) },
        { "blank first name", nameof(SavePatientCommand.FirstName) },
        { "first name of 101 characters", nameof(SavePatientCommand.FirstName) },
        { "no last name", nameof(SavePatientCommand.LastName) },
        { "last name of 101 characters", nameof(SavePatientCommand.LastName) },
        { "no date of birth", nameof(SavePatientCommand.DateOfBirth) },
        { "born today", nameof(SavePatientCommand.DateOfBirth) },
        { "born tomorrow", nameof(SavePatientCommand.DateOfBirth) },
        { "would be 121", nameof(SavePatientCommand.DateOfBirth) },
        { "no phone", nameof(SavePatientCommand.Phone) },
        { "phone with letters", nameof(SavePatientCommand.Phone) },
        { "phone of 6 digits", nameof(SavePatientCommand.Phone) },
        { "phone of 16 digits", nameof(SavePatientCommand.Phone) },
        { "e-mail without at sign", nameof(SavePatientCommand.Email) },
        { "e-mail without domain dot", nameof(SavePatientCommand.Email) },
        { "unknown skin type", nameof(SavePatientCommand.SkinType) },
        { "concern none", "Concerns[0]" },
        { "unknown concern", "Concerns[0]" },
        { "area none", "TreatmentAreas[1]" },
        { "notes of 4001 characters", nameof(SavePatientCommand.Notes) },
    };

    public static TheoryData<string> AcceptedChanges() => new()
    {
        "born yesterday",
        "exactly 120",
        "phone of 7 digits",
        "phone of 15 digits",
        "phone with dots and dashes",
        "no e-mail",
        "blank e-mail",
        "no skin type yet",
        "no concerns yet",
        "notes of 4000 characters",
    };

    [Fact]
    public void A_complete_patient_is_valid() => Assert.True(validator.Validate(Commands.Patient()).IsValid);

    [Theory]
    [MemberData(nameof(RefusedChanges))]
    public void An_invalid_detail_is_refused_on_its_field(string change, string expectedField)
    {
        var command = Commands.Patient();
        Changes[change](command);

        var result = validator.Validate(command);

        var error = Assert.Single(result.Errors);
        Assert.Equal(expectedField, error.PropertyName);
        Assert.False(string.IsNullOrWhiteSpace(error.ErrorMessage));
    }

    [Theory]
    [MemberData(nameof(AcceptedChanges))]
    public void A_plausible_variation_is_accepted(string change)
    {
        var command = Commands.Patient();
        Changes[change](command);

        var result = validator.Validate(command);

        Assert.True(result.IsValid, string.Join("; ", result.Errors.Select(e => $"{e.PropertyName}: {e.ErrorMessage}")));
    }

    [Fact]
    public void Every_listed_change_is_used_by_a_test()
    {
        IEnumerable<object[]> refused = RefusedChanges();
        IEnumerable<object[]> accepted = AcceptedChanges();
        var used = refused.Concat(accepted).Select(r => (string)r[0]);

        Assert.Equal(Changes.Keys.Order(), used.Order());
    }
}
