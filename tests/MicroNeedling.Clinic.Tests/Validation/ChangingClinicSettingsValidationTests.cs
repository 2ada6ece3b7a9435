using MicroNeedling.Clinic.Settings;
using MicroNeedling.Clinic.Tests.Support;

namespace MicroNeedling.Clinic.Tests.Validation;

/// <summary>The clinic's settings: every clinical number has a plausible range, and the time zone must exist.</summary>
public sealed class ChangingClinicSettingsValidationTests
{
    private readonly UpdateSettingsValidator validator = new();

    [Fact]
    public void The_defaults_of_the_domain_are_valid_settings() => Assert.True(validator.Validate(Commands.Settings()).IsValid);

    [Theory]
    [InlineData("Europe/London")]
    [InlineData("America/New_York")]
    [InlineData("Australia/Sydney")]
    [InlineData("UTC")]
    public void A_known_IANA_time_zone_is_accepted(string zone)
    {
        var command = Commands.Settings();
        command.TimeZoneId = zone;

        Assert.True(validator.Validate(command).IsValid);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("Europe/Londn")]
    public void An_unknown_time_zone_is_refused(string zone)
    {
        var command = Commands.Settings();
        command.TimeZoneId = zone;

        Assert.Equal(nameof(UpdateSettingsCommand.TimeZoneId), Assert.Single(validator.Validate(command).Errors).PropertyName);
    }

    private static readonly Dictionary<string, Action<UpdateSettingsCommand>> Changes = new()
    {
        ["no clinic name"] = c => c.ClinicName = "",
        ["minimum age 15"] = c => c.MinimumAge = 15,
        ["minimum age 100"] = c => c.MinimumAge = 100,
        ["screening valid 0 days"] = c => c.ScreeningValidityDays = 0,
        ["screening valid 366 days"] = c => c.ScreeningValidityDays = 366,
        ["radiation window 0 months"] = c => c.RadiationWindowMonths = 0,
        ["radiation window 121 months"] = c => c.RadiationWindowMonths = 121,
        ["0 sittings per course"] = c => c.SittingsPerCourse = 0,
        ["13 sittings per course"] = c => c.SittingsPerCourse = 13,
        ["9 minutes per sitting"] = c => c.MinutesPerSitting = 9,
        ["21 minutes per sitting"] = c => c.MinutesPerSitting = 21,
        ["minimum interval 6 days"] = c => (c.MinIntervalDays, c.MaxIntervalDays) = (6, 42),
        ["maximum interval below minimum"] = c => (c.MinIntervalDays, c.MaxIntervalDays) = (28, 27),
        ["maximum interval 121 days"] = c => c.MaxIntervalDays = 121,
        ["numbing 91 minutes"] = c => c.NumbingLeadMinutes = 91,
        ["no aftercare text"] = c => c.AftercareText = "",
        // Accepted edges:
        ["minimum age raised to 22"] = c => c.MinimumAge = 22,
        ["screening valid 1 day"] = c => c.ScreeningValidityDays = 1,
        ["radiation window 6 months"] = c => c.RadiationWindowMonths = 6,
        ["equal intervals"] = c => (c.MinIntervalDays, c.MaxIntervalDays) = (35, 35),
        ["no numbing lead"] = c => c.NumbingLeadMinutes = 0,
    };

    public static TheoryData<string, string> RefusedChanges() => new()
    {
        { "no clinic name", nameof(UpdateSettingsCommand.ClinicName) },
        { "minimum age 15", nameof(UpdateSettingsCommand.MinimumAge) },
        { "minimum age 100", nameof(UpdateSettingsCommand.MinimumAge) },
        { "screening valid 0 days", nameof(UpdateSettingsCommand.ScreeningValidityDays) },
        { "screening valid 366 days", nameof(UpdateSettingsCommand.ScreeningValidityDays) },
        { "radiation window 0 months", nameof(UpdateSettingsCommand.RadiationWindowMonths) },
        { "radiation window 121 months", nameof(UpdateSettingsCommand.RadiationWindowMonths) },
        { "0 sittings per course", nameof(UpdateSettingsCommand.SittingsPerCourse) },
        { "13 sittings per course", nameof(UpdateSettingsCommand.SittingsPerCourse) },
        { "9 minutes per sitting", nameof(UpdateSettingsCommand.MinutesPerSitting) },
        { "21 minutes per sitting", nameof(UpdateSettingsCommand.MinutesPerSitting) },
        { "minimum interval 6 days", nameof(UpdateSettingsCommand.MinIntervalDays) },
        { "maximum interval below minimum", nameof(UpdateSettingsCommand.MaxIntervalDays) },
        { "maximum interval 121 days", nameof(UpdateSettingsCommand.MaxIntervalDays) },
        { "numbing 91 minutes", nameof(UpdateSettingsCommand.NumbingLeadMinutes) },
        { "no aftercare text", nameof(UpdateSettingsCommand.AftercareText) },
    };

    public static TheoryData<string> AcceptedChanges() => new()
    {
        "minimum age raised to 22",
        "screening valid 1 day",
        "radiation window 6 months",
        "equal intervals",
        "no numbing lead",
    };

    [Theory]
    [MemberData(nameof(RefusedChanges))]
    public void An_implausible_setting_is_refused_on_its_field(string change, string expectedField)
    {
        var command = Commands.Settings();
        Changes[change](command);

        Assert.Equal(expectedField, Assert.Single(validator.Validate(command).Errors).PropertyName);
    }

    [Theory]
    [MemberData(nameof(AcceptedChanges))]
    public void A_setting_at_the_edge_of_its_range_is_accepted(string change)
    {
        var command = Commands.Settings();
        Changes[change](command);

        Assert.True(validator.Validate(command).IsValid);
    }
}
