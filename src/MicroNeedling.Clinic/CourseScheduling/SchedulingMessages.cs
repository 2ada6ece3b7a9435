using System.Globalization;

namespace MicroNeedling.Clinic.CourseScheduling;

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
        return $"No free slot between {Day(window.From)} and {Day(window.To)}{preferences}.";
    }

    public static string TooCloseToNextBooked(int number, CourseSittingDate next, int daysBefore, DateOnly latest, DateOnly earliestDay) =>
        $"Sitting {number} must be at least {daysBefore} days before sitting {next.Number} (booked on {Day(next.Date)}), " +
        $"that is by {Day(latest)}, but the earliest day it may take is {Day(earliestDay)}. " +
        $"Move sitting {next.Number} or review the course.";

    public static string MaximumIntervalPassed(int number, CourseSittingDate previous, DateOnly recommendedLatest, DateOnly earliestDay) =>
        $"Sitting {number} should be within {recommendedLatest.DayNumber - previous.Date.DayNumber} days of sitting {previous.Number} ({Day(previous.Date)}), " +
        $"that is by {Day(recommendedLatest)}, but the earliest day it may take is {Day(earliestDay)}. " +
        "A clinician should review the course.";

    public static string EarlierSittingUnplaced(int number, int unplacedNumber) =>
        $"Sitting {unplacedNumber} could not be placed, so sitting {number} cannot be placed either: place sitting {unplacedNumber} first.";

    public static string Day(DateOnly day) => day.ToString("d MMM yyyy", CultureInfo.InvariantCulture);
}
