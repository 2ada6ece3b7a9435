namespace MicroNeedling.Clinic.Scheduling;

/// <summary>
/// Turns the clinic's wall-clock times into UTC instants and back, deciding the two cases where a wall-clock time is
/// not exactly one instant.
/// </summary>
internal sealed class ClinicLocalClock(TimeZoneInfo zone)
{
    /// <summary>
    /// Converts a clinic-local time to UTC.
    /// </summary>
    /// <returns>
    /// False for a local time that never happens (the spring-forward gap, for example 01:30 in London on the last
    /// Sunday of March): such a slot is skipped, never moved.
    /// </returns>
    /// <remarks>
    /// A local time that happens twice (the autumn overlap, when the clocks go back) resolves to the EARLIER instant, the
    /// one still on daylight time, i.e. with the larger UTC offset. A patient told "01:30" arrives the first time the
    /// clock shows 01:30, and the clinic would rather be early than an hour late. <see cref="TimeZoneInfo.ConvertTimeToUtc(DateTime, TimeZoneInfo)"/>
    /// picks standard time (the later instant) instead, so the overlap is handled here explicitly.
    /// </remarks>
    public bool TryToUtc(DateTime local, out DateTime utc)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            utc = default;
            return false;
        }

        if (zone.IsAmbiguousTime(local))
        {
            var daylightOffset = zone.GetAmbiguousTimeOffsets(local).Max();
            utc = DateTime.SpecifyKind(local - daylightOffset, DateTimeKind.Utc);
            return true;
        }

        utc = TimeZoneInfo.ConvertTimeToUtc(local, zone);
        return true;
    }

    public DateTime ToLocal(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);

    public DateOnly LocalDate(DateTime utc) => DateOnly.FromDateTime(ToLocal(utc));
}
