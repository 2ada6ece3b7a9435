namespace MicroNeedling.Clinic.ClinicSetup;

/// <summary>The order the setup pages show a week in.</summary>
public static class Week
{
    public static readonly IReadOnlyList<DayOfWeek> MondayFirst =
    [
        DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday,
    ];

    /// <summary>True when the list holds each of the seven weekdays exactly once.</summary>
    public static bool HasEachDayOnce(IEnumerable<DayOfWeek> days) =>
        days.Order().SequenceEqual(Enum.GetValues<DayOfWeek>());
}
