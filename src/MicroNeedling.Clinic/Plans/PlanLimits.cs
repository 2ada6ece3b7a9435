namespace MicroNeedling.Clinic.Plans;

/// <summary>Bounds that keep plans and settings plausible. The clinical defaults themselves live in the clinic settings.</summary>
public static class PlanLimits
{
    /// <summary>The source article asks for five to six sittings; any other count needs a recorded reason.</summary>
    public const int StandardMinSittings = 5;
    public const int StandardMaxSittings = 6;

    public const int MinSittings = 1;
    public const int MaxSittings = 12;

    /// <summary>The procedure itself takes 10 to 20 minutes.</summary>
    public const int MinProcedureMinutes = 10;
    public const int MaxProcedureMinutes = 20;

    public const int MinIntervalDays = 7;
    public const int MaxIntervalDays = 120;

    public const int MaxNumbingLeadMinutes = 90;

    public static bool IsStandardCount(int sittings) => sittings is >= StandardMinSittings and <= StandardMaxSittings;
}
