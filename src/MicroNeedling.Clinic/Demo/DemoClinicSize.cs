namespace MicroNeedling.Clinic.Demo;

/// <summary>
/// How much demo data to generate. The ten active clinicians and five active rooms carry the clinic's own calendar at a
/// realistic density for the whole period; <see cref="TargetSittings"/>, when set, is reached by adding the calendars
/// of former staff (disabled accounts) and inactive rooms in the past only. Ten clinicians and five rooms hold about
/// 14,000 one-hour sittings a year, so a million sittings in five years need about seventy such extra chairs.
/// </summary>
public sealed record DemoClinicSize(string Name, int Patients, double Years, int? TargetSittings)
{
    /// <summary>What a new user sees in Development: about six months back to six weeks ahead.</summary>
    public static readonly DemoClinicSize Demo = new("demo", 2_000, 0.5, null);

    /// <summary>About 10,000 sittings, on the active staff's calendar alone.</summary>
    public static readonly DemoClinicSize Small = new("small", 2_500, 0.75, null);

    /// <summary>50,000 patients and about 1,000,000 sittings over five years.</summary>
    public static readonly DemoClinicSize Large = new("large", 50_000, 5, 1_000_000);

    public static DemoClinicSize? Named(string? name) => name?.ToLowerInvariant() switch
    {
        "demo" => Demo,
        "small" => Small,
        "large" => Large,
        _ => null,
    };

    /// <summary>Sittings are booked up to this many days after now, so the calendar around today looks busy.</summary>
    public int DaysAhead { get; init; } = 42;

    /// <summary>Completed sittings of the last this-many days get a chart (charts for every sitting would double the data).</summary>
    public int ChartDays { get; init; } = 90;

    /// <summary>Planned-but-unbooked first sittings of freshly screened patients, for a load test to book.</summary>
    public int BookableSittings { get; init; } = 200;

    public int Seed { get; init; } = 20_260_202;
}
