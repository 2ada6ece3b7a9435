namespace MicroNeedling.Clinic.Common;

/// <summary>
/// Converts between stored UTC instants and the clinic's wall clock.
/// Instants are stored in UTC; people see and type clinic-local times.
/// </summary>
public sealed class ClinicTime(TimeZoneInfo zone)
{
    public TimeZoneInfo Zone { get; } = zone;

    public static ClinicTime For(string ianaTimeZoneId) => new(TimeZoneInfo.FindSystemTimeZoneById(ianaTimeZoneId));

    public static bool IsKnownTimeZone(string? ianaTimeZoneId) =>
        !string.IsNullOrWhiteSpace(ianaTimeZoneId) && TimeZoneInfo.TryFindSystemTimeZoneById(ianaTimeZoneId, out _);

    public DateTime ToLocal(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    public DateOnly LocalDate(DateTime utc) => DateOnly.FromDateTime(ToLocal(utc));

    public DateOnly Today(TimeProvider time) => LocalDate(time.GetUtcNow().UtcDateTime);
}
