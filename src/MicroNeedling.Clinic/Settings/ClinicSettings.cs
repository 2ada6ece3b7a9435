using MicroNeedling.Clinic.Screening;

namespace MicroNeedling.Clinic.Settings;

/// <summary>
/// The one settings record of the clinic. Every clinical number is a setting with the default from docs/domain.md,
/// never a constant buried in code.
/// </summary>
public sealed class ClinicSettings
{
    public const int SingletonId = 1;

    public const string DefaultAftercareText =
        "No make-up or active skincare on the treated skin until tomorrow morning.\n" +
        "Avoid the sun for about 10 days; after that use SPF 30 or higher.\n" +
        "No heavy sweating, swimming pools or saunas for 48 to 72 hours.\n" +
        "No retinoids or acids for 10 to 14 days.\n" +
        "Redness and irritation may last a few days. This is expected.\n" +
        "Call the clinic at once if you notice signs of infection, bruising, peeling or bleeding.";

    public int Id { get; set; } = SingletonId;

    public const string DefaultPreVisitInstructions =
        "Please come without make-up on the skin to be treated.\n" +
        "For 5 days before: no retinoids, acids or exfoliating products, no waxing, no sunburn or tanning beds.\n" +
        "Tell us before the sitting if you have a cold sore, a skin infection, a new skin condition, or are or may be pregnant.\n" +
        "Allow about an hour: the numbing cream needs time to work.";

    public string ClinicName { get; set; } = "MicroNeedling Clinic";

    /// <summary>The number patients call, printed on every mail and on the aftercare sheet.</summary>
    public string ClinicPhone { get; set; } = "";

    public string ClinicAddress { get; set; } = "";

    /// <summary>Hours before a sitting its reminder goes out; 0 sends none.</summary>
    public int ReminderHoursBefore { get; set; } = 48;

    public string PreVisitInstructions { get; set; } = DefaultPreVisitInstructions;

    /// <summary>IANA time zone id, for example Europe/London.</summary>
    public string TimeZoneId { get; set; } = "Europe/London";

    public int MinimumAge { get; set; } = 18;

    public int ScreeningValidityDays { get; set; } = 30;

    public int RadiationWindowMonths { get; set; } = 12;

    public int SittingsPerCourse { get; set; } = 6;

    public int MinutesPerSitting { get; set; } = 15;

    public int MinIntervalDays { get; set; } = 28;

    public int MaxIntervalDays { get; set; } = 42;

    public int NumbingLeadMinutes { get; set; } = 30;

    /// <summary>Aftercare and room turnover after the needling; part of every appointment's length.</summary>
    public int TurnoverMinutes { get; set; } = 15;

    public string AftercareText { get; set; } = DefaultAftercareText;

    /// <summary>Redness or irritation still unresolved after this many days raises a prompt for clinician review.</summary>
    public int ExpectedEffectReviewDays { get; set; } = 7;

    /// <summary>A maintenance sitting is suggested this many months after a course completes (practice: 6 to 12).</summary>
    public int MaintenanceMonths { get; set; } = 6;

    /// <summary>
    /// A screening that clears a "not suitable" finding recorded this many days ago or less needs a note of what changed
    /// (ADR 0018): a hard stop is not overturned by answering "no" two minutes later.
    /// </summary>
    public int HardStopReversalDays { get; set; } = 14;

    /// <summary>A booking can be marked a no-show only this many minutes after its start: the patient may just be late.</summary>
    public int NoShowGraceMinutes { get; set; } = 15;

    /// <summary>A cancellation this many hours or fewer before the start counts as late in the reports: the slot is hard to refill.</summary>
    public int LateCancellationHours { get; set; } = 24;

    public ScreeningPolicy ScreeningPolicy => new(MinimumAge, RadiationWindowMonths, ScreeningValidityDays);
}
