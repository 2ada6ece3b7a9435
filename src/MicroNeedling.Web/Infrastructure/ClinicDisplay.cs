using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.Settings;

namespace MicroNeedling.Web.Infrastructure;

/// <summary>Per-request view helper: the clinic's name and time zone, for showing stored UTC instants as clinic-local time.</summary>
public sealed class ClinicDisplay(ClinicSettingsService settings)
{
    /// <summary>The settings, read once per request by <see cref="ClinicSettingsService"/>.</summary>
    public Task<ClinicSettings> SettingsAsync() => settings.GetAsync();

    public async Task<string> LocalAsync(DateTime utc, string format = "d MMM yyyy HH:mm")
    {
        var clinic = await SettingsAsync();
        return ClinicTime.For(clinic.TimeZoneId).ToLocal(utc).ToString(format);
    }
}
