using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace MicroNeedling.Clinic.Data;

/// <summary>
/// Stores DateTime as UTC, to the microsecond, and marks values read back as UTC. PostgreSQL keeps microseconds and
/// .NET ticks are a tenth of one; cutting them on both engines means a value reads back as it was written.
/// </summary>
public sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    v => ToStoredPrecision(v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime()),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc))
{
    private const long TicksPerMicrosecond = TimeSpan.TicksPerMicrosecond;

    /// <summary>The instant as the database keeps it: UTC, whole microseconds.</summary>
    public static DateTime ToStoredPrecision(DateTime utc) =>
        new(utc.Ticks - (utc.Ticks % TicksPerMicrosecond), DateTimeKind.Utc);
}
