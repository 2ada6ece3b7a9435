using MicroNeedling.Clinic.Patients;

namespace MicroNeedling.Clinic.Tests.Validation;

/// <summary>Break-glass needs a reason an admin can judge: not empty, not a single word, and of a storable length.</summary>
public sealed class EmergencyAccessValidationTests
{
    private readonly GrantEmergencyAccessValidator validator = new();

    [Theory]
    [InlineData("", "Give the reason")]
    [InlineData("    ", "Give the reason")]
    [InlineData("urgent!!!", "at least 10 characters")]
    [InlineData("   urgent!!   ", "at least 10 characters")]
    public void A_missing_or_too_short_reason_is_refused_with_a_message_on_the_reason(string reason, string message)
    {
        var result = validator.Validate(new GrantEmergencyAccessCommand { PatientId = 1, Reason = reason });

        var error = Assert.Single(result.Errors);
        Assert.Equal(nameof(GrantEmergencyAccessCommand.Reason), error.PropertyName);
        Assert.Contains(message, error.ErrorMessage);
    }

    [Theory]
    [InlineData("Seen for bleeding")]
    [InlineData("Patient collapsed in the waiting room; her clinician is on leave.")]
    public void A_reason_in_words_is_accepted(string reason) =>
        Assert.True(validator.Validate(new GrantEmergencyAccessCommand { PatientId = 1, Reason = reason }).IsValid);

    [Fact]
    public void A_reason_of_2000_characters_is_accepted() =>
        Assert.True(validator.Validate(new GrantEmergencyAccessCommand { PatientId = 1, Reason = string.Concat(Enumerable.Repeat("urgent care ", 167)).Trim()[..1999] + "e" }).IsValid);

    [Theory]
    [InlineData("..........")]
    [InlineData("aaaaaaaaaaaa")]
    [InlineData("x x x x x x x x")]
    [InlineData("1234567890 !!")]
    public void A_reason_that_is_not_words_is_refused(string reason)
    {
        // The probe of issue 15 got ten dots accepted as a break-glass reason.
        var result = validator.Validate(new GrantEmergencyAccessCommand { PatientId = 1, Reason = reason });

        Assert.Contains("in words", Assert.Single(result.Errors).ErrorMessage);
    }

    [Fact]
    public void A_reason_over_2000_characters_is_refused()
    {
        var result = validator.Validate(new GrantEmergencyAccessCommand { PatientId = 1, Reason = new string('a', 2001) });

        Assert.Contains("at most 2000", Assert.Single(result.Errors).ErrorMessage);
    }

    [Fact]
    public void A_review_note_is_optional_but_bounded()
    {
        var reviews = new ReviewEmergencyAccessValidator();

        Assert.True(reviews.Validate(new ReviewEmergencyAccessCommand { GrantId = 1 }).IsValid);
        Assert.False(reviews.Validate(new ReviewEmergencyAccessCommand { GrantId = 1, Note = new string('a', 2001) }).IsValid);
    }
}
