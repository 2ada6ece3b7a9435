using System.Globalization;
using MicroNeedling.Clinic.Calendar;
using MicroNeedling.Clinic.ClinicSetup;
using MicroNeedling.Clinic.CourseScheduling;

namespace MicroNeedling.Clinic.Tests.Scheduling;

/// <summary>
/// A small clinic to schedule in, described in clinic-local words. Defaults: Europe/London, open Monday to Saturday
/// 09:00-18:00, one clinician "ana" with the same hours, room 1, 60-minute sittings 28-42 days apart, and the earliest
/// start on Monday 2 Feb 2026 at local midnight. Tests change what they are about with <c>with</c>.
/// </summary>
internal static class Scenario
{
    public static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
    public static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    public static readonly DayOfWeek[] MondayToSaturday =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday];

    public static readonly DayOfWeek[] EveryDay = [DayOfWeek.Sunday, .. MondayToSaturday];

    public static DateOnly Day(string isoDate) => DateOnly.ParseExact(isoDate, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DayHours[] Hours(string from, string to, params DayOfWeek[] days) =>
        days.Select(d => new DayHours(d, Time(from), Time(to))).ToArray();

    public static ClinicianCalendar Clinician(string id, DayHours[]? hours = null, DateSpan[]? timeOff = null, UtcSpan[]? busy = null) =>
        new(id, hours ?? Hours("09:00", "18:00", MondayToSaturday), timeOff ?? [], busy ?? []);

    public static RoomCalendar Room(int id, params UtcSpan[] busy) => new(id, busy);

    public static CalendarSnapshot Snapshot(params ClinicianCalendar[] clinicians) => new(
        London,
        Hours("09:00", "18:00", MondayToSaturday),
        new HashSet<DateOnly>(),
        clinicians.Length > 0 ? clinicians : [Clinician("ana")],
        [Room(1)],
        []);

    /// <summary>A course with sittings <paramref name="numbers"/> still to place (sitting ids are 100 + number).</summary>
    public static CourseRequest Course(params int[] numbers) => new(
        Sittings: (numbers.Length > 0 ? numbers : [1, 2, 3, 4, 5, 6]).Select(n => new SittingToPlace(100 + n, n)).ToArray(),
        Booked: [],
        MinIntervalDays: 28,
        MaxIntervalDays: 42,
        Duration: TimeSpan.FromMinutes(60),
        EarliestStartUtc: ToUtc("2026-02-02 00:00"),
        PreferredDays: new HashSet<DayOfWeek>(),
        TimeOfDay: TimeOfDayPreference.Any,
        PreferredClinicianId: null);

    public static BookedSitting Booked(int number, string isoDate, string clinicianId = "ana") => new(number, Day(isoDate), clinicianId);

    /// <summary>Converts "yyyy-MM-dd HH:mm" clinic-local (London unless told) to UTC. Not for gap or overlap times.</summary>
    public static DateTime ToUtc(string local, TimeZoneInfo? zone = null) =>
        TimeZoneInfo.ConvertTimeToUtc(DateTime.ParseExact(local, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), zone ?? London);

    /// <summary>A busy span that starts at a clinic-local time and lasts <paramref name="minutes"/>.</summary>
    public static UtcSpan Busy(string localStart, int minutes, TimeZoneInfo? zone = null)
    {
        var start = ToUtc(localStart, zone);
        return new UtcSpan(start, start.AddMinutes(minutes));
    }

    public static DateTime Utc(string iso) =>
        DateTime.SpecifyKind(DateTime.ParseExact(iso, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), DateTimeKind.Utc);

    /// <summary>The proposal's start on the clinic's wall clock, "yyyy-MM-dd HH:mm", or "unplaced".</summary>
    public static string Local(ProposedSitting proposal, TimeZoneInfo? zone = null) =>
        proposal.StartUtc is { } start
            ? TimeZoneInfo.ConvertTimeFromUtc(start, zone ?? London).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)
            : "unplaced";

    /// <summary>"yyyy-MM-dd HH:mm clinician room N", to compare whole proposals in one line.</summary>
    public static string Describe(ProposedSitting proposal, TimeZoneInfo? zone = null) =>
        proposal.IsPlaced ? $"{Local(proposal, zone)} {proposal.ClinicianId} room {proposal.RoomId}" : $"unplaced: {proposal.Problem}";

    public static HashSet<DayOfWeek> Days(string commaSeparated) =>
        commaSeparated.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(Enum.Parse<DayOfWeek>)
            .ToHashSet();

    private static TimeOnly Time(string hhmm) => TimeOnly.ParseExact(hhmm, "HH:mm", CultureInfo.InvariantCulture);
}
