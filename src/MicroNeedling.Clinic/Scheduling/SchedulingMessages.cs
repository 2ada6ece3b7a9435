using System.Globalization;

namespace MicroNeedling.Clinic.Scheduling;

/// <summary>
/// The sentences the front desk reads when a sitting cannot be placed. Each says what blocks it and, where there is
/// one, what a person can do about it. Dates read like "7 Apr 2026" in every culture.
/// </summary>
internal static class SchedulingMessages
{
    public static string NoFreeSlot(SittingWindow window, CourseRequest request)
    {
        var preferences = request.PreferredDays.Count > 0 || request.TimeOfDay != TimeOfDayPreference.Any
            ? " on the preferred days and times"
            : string.Empty;
        var screening = window.EndsAtScreeningExpiry
            ? $" The search stops at {Day(window.To)} because the screening expires after it: re-screening the patient would allow later days."
            : string.Empty;
        return $"No free slot between {Day(window.From)} and {Day(window.To)}{preferences}.{screening}";
    }

    public static string ScreeningExpired(int number, DateOnly earliestDay, DateOnly lastValidDay) =>
        $"The screening will have expired by {Day(earliestDay)}, the earliest day sitting {number} may take: " +
        $"it is valid until {Day(lastValidDay)}. A clinician must re-screen the patient before sitting {number} can be booked.";

    public static string TooCloseToNextBooked(int number, DatedSitting next, int daysBefore, DateOnly latest, DateOnly earliestDay) =>
        $"Sitting {number} must be at least {daysBefore} days before sitting {next.Number} (booked on {Day(next.Date)}), " +
        $"that is by {Day(latest)}, but the earliest day it may take is {Day(earliestDay)}. " +
        $"Move sitting {next.Number} or review the course.";

    public static string MaximumIntervalPassed(int number, DatedSitting previous, int maxIntervalDays, DateOnly earliestDay) =>
        $"Sitting {number} should be within {maxIntervalDays} days of sitting {previous.Number} ({Day(previous.Date)}), " +
        $"that is by {Day(previous.Date.AddDays(maxIntervalDays))}, but the earliest day it may take is {Day(earliestDay)}. " +
        "A clinician should review the course.";

    public static string EarlierSittingUnplaced(int number, int unplacedNumber) =>
        $"Sitting {unplacedNumber} could not be placed, so sitting {number} cannot be placed either: place sitting {unplacedNumber} first.";

    public static string Day(DateOnly day) => day.ToString("d MMM yyyy", CultureInfo.InvariantCulture);
}
