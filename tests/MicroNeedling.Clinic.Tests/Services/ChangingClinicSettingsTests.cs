using MicroNeedling.Clinic.Screening;
using MicroNeedling.Clinic.Settings;
using MicroNeedling.Clinic.Tests.Support;

namespace MicroNeedling.Clinic.Tests.Services;

public sealed class ChangingClinicSettingsTests : IDisposable
{
    private readonly ClinicTestHost host = new();

    public void Dispose() => host.Dispose();

    [Fact]
    public async Task A_new_database_starts_with_the_defaults_of_the_domain()
    {
        var settings = await host.SettingsAsync();

        Assert.Equal("Europe/London", settings.TimeZoneId);
        Assert.Equal((18, 30, 12), (settings.MinimumAge, settings.ScreeningValidityDays, settings.RadiationWindowMonths));
        Assert.Equal((6, 15, 28, 42, 30), (settings.SittingsPerCourse, settings.MinutesPerSitting, settings.MinIntervalDays, settings.MaxIntervalDays, settings.NumbingLeadMinutes));
        Assert.Equal(ClinicSettings.DefaultAftercareText, settings.AftercareText);
    }

    [Fact]
    public async Task Valid_settings_are_stored()
    {
        var command = Commands.Settings();
        command.ClinicName = "  Skin Studio Leeds  ";
        command.TimeZoneId = "America/New_York";
        command.MinimumAge = 21;
        command.ScreeningValidityDays = 14;
        command.RadiationWindowMonths = 6;
        command.SittingsPerCourse = 5;
        command.MinutesPerSitting = 20;
        command.MinIntervalDays = 21;
        command.MaxIntervalDays = 35;
        command.NumbingLeadMinutes = 25;
        command.AftercareText = "  Keep the skin clean.  ";

        var result = await host.UpdateSettingsAsync(command);

        Assert.True(result.Succeeded);
        var stored = await host.SettingsAsync();
        Assert.Equal(("Skin Studio Leeds", "America/New_York"), (stored.ClinicName, stored.TimeZoneId));
        Assert.Equal((21, 14, 6), (stored.MinimumAge, stored.ScreeningValidityDays, stored.RadiationWindowMonths));
        Assert.Equal((5, 20, 21, 35, 25), (stored.SittingsPerCourse, stored.MinutesPerSitting, stored.MinIntervalDays, stored.MaxIntervalDays, stored.NumbingLeadMinutes));
        Assert.Equal("Keep the skin clean.", stored.AftercareText);
        Assert.Equal(new ScreeningPolicy(21, 6, 14), stored.ScreeningPolicy);
    }

    [Fact]
    public async Task Invalid_settings_are_refused_on_their_fields_and_change_nothing()
    {
        var command = Commands.Settings();
        command.TimeZoneId = "Mars/Olympus_Mons";
        command.MinimumAge = 12;
        command.ClinicName = "Renamed";

        var result = await host.UpdateSettingsAsync(command);

        Assert.Equal(["MinimumAge", "TimeZoneId"], result.Errors.Select(e => e.Field).Order());
        var stored = await host.SettingsAsync();
        Assert.Equal(("MicroNeedling Clinic", "Europe/London", 18), (stored.ClinicName, stored.TimeZoneId, stored.MinimumAge));
    }
}
