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

    /// <summary>The UTC instant at which a clinic-local day begins (midnight never falls in a DST gap in the zones we serve;
    /// if it did, the first valid instant after it is used).</summary>
    public DateTime StartOfDayUtc(DateOnly date)
    {
        var local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (Zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(15);
        }

        return ToUtc(DateOnly.FromDateTime(local), TimeOnly.FromDateTime(local)).Utc!.Value;
    }

    /// <summary>
    /// The UTC instant of a clinic-local date and time. A time in the spring-forward gap does not exist and is refused.
    /// A time in the autumn overlap happens twice; we take the first, earlier one (still on summer time), because
    /// that is the hour the clinic's day plan and the patient's reminder were written for before the clocks went back.
    /// </summary>
    public LocalTimeResult ToUtc(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        if (Zone.IsInvalidTime(local))
        {
            return new LocalTimeResult(null,
                $"{local:d MMM yyyy HH:mm} does not exist in {Zone.Id}: the clocks go forward then. Choose another time.");
        }

        if (Zone.IsAmbiguousTime(local))
        {
            var earlierOffset = Zone.GetAmbiguousTimeOffsets(local).Max();
            return new LocalTimeResult(DateTime.SpecifyKind(local - earlierOffset, DateTimeKind.Utc), null);
        }

        return new LocalTimeResult(TimeZoneInfo.ConvertTimeToUtc(local, Zone), null);
    }
}

/// <summary>A converted instant, or why the local time could not be converted.</summary>
public sealed record LocalTimeResult(DateTime? Utc, string? Problem);
