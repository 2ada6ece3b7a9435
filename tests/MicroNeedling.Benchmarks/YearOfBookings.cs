using MicroNeedling.Clinic.Calendar;
using MicroNeedling.Clinic.ClinicSetup;

namespace MicroNeedling.Benchmarks;

/// <summary>
/// A busy clinic's calendar for one year, made from a fixed seed so every run plans against the same bookings.
/// </summary>
/// <remarks>
/// Europe/London, open Monday to Saturday 08:00-19:00, closed on the 2026 bank holidays. Ten clinicians work five of the
/// six days (a rotating day off), half on an early shift 08:00-16:00 and half on a late one 11:00-19:00, and each takes
/// two weeks of holiday. Every hour of a shift is booked with a 60-minute sitting nine times out of ten, as long as
/// one of the five rooms is free; the rooms fill up in the middle of the day. That is 14,207 bookings, each busy
/// for a clinician and a room.
/// </remarks>
internal static class YearOfBookings
{
    public const int Clinicians = 10;
    public const int Rooms = 5;
    public static readonly DateOnly FirstDay = new(2026, 2, 2);
    public static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    private static readonly DateOnly[] BankHolidays =
    [
        new(2026, 4, 3), new(2026, 4, 6), new(2026, 5, 4), new(2026, 5, 25), new(2026, 8, 31),
        new(2026, 12, 25), new(2026, 12, 28), new(2027, 1, 1),
    ];

    private static readonly DayOfWeek[] OpenDays =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday];

    public static CalendarSnapshot Build(int seed = 20260202)
    {
        var random = new Random(seed);
        var staff = Enumerable.Range(0, Clinicians).Select(NewClinician).ToArray();
        var roomBusy = Enumerable.Range(0, Rooms).Select(_ => new List<UtcSpan>()).ToArray();
        var closed = BankHolidays.ToHashSet();

        for (var day = FirstDay; day < FirstDay.AddDays(365); day = day.AddDays(1))
        {
            if (day.DayOfWeek == DayOfWeek.Sunday || closed.Contains(day))
            {
                continue;
            }

            for (var hour = 8; hour < 19; hour++)
            {
                BookHour(random, staff, roomBusy, day, hour);
            }
        }

        return new CalendarSnapshot(
            London,
            OpenDays.Select(d => new DayHours(d, new TimeOnly(8, 0), new TimeOnly(19, 0))).ToArray(),
            closed,
            staff.Select(s => new ClinicianCalendar(s.Id, s.Hours, s.TimeOff, s.Busy)).ToArray(),
            roomBusy.Select((busy, i) => new RoomCalendar(i + 1, busy)).ToArray(),
            [Span(FirstDay.AddDays(3), 17), Span(FirstDay.AddDays(40), 9)]);
    }

    /// <summary>The same calendar with every busy list shuffled, as if the caller had not ordered its query.</summary>
    public static CalendarSnapshot Shuffled(CalendarSnapshot calendar, int seed = 7)
    {
        var random = new Random(seed);
        return calendar with
        {
            Clinicians = calendar.Clinicians.Select(c => c with { Busy = Shuffle(c.Busy, random) }).ToArray(),
            Rooms = calendar.Rooms.Select(r => r with { Busy = Shuffle(r.Busy, random) }).ToArray(),
        };
    }

    public static int CountBookings(CalendarSnapshot calendar) => calendar.Clinicians.Sum(c => c.Busy.Count);

    private static void BookHour(Random random, Staff[] staff, List<UtcSpan>[] roomBusy, DateOnly day, int hour)
    {
        var roomTaken = new bool[Rooms];
        foreach (var clinician in staff.OrderBy(_ => random.Next()))
        {
            if (!clinician.Works(day, hour) || random.NextDouble() >= 0.9)
            {
                continue;
            }

            var room = Array.IndexOf(roomTaken, false);
            if (room < 0)
            {
                return;
            }

            roomTaken[room] = true;
            var span = Span(day, hour);
            clinician.Busy.Add(span);
            roomBusy[room].Add(span);
        }
    }

    private static Staff NewClinician(int index)
    {
        var early = index < Clinicians / 2;
        var (from, to) = early ? (8, 16) : (11, 19);
        var dayOff = OpenDays[index % OpenDays.Length];
        var hours = OpenDays.Where(d => d != dayOff).Select(d => new DayHours(d, new TimeOnly(from, 0), new TimeOnly(to, 0))).ToArray();
        var holidayStart = FirstDay.AddDays(30 + (index * 30));
        return new Staff($"clin-{index:00}", hours, [new DateSpan(holidayStart, holidayStart.AddDays(13))], from, to, dayOff);
    }

    private static UtcSpan Span(DateOnly day, int hour)
    {
        var start = TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(new TimeOnly(hour, 0)), London);
        return new UtcSpan(start, start.AddMinutes(60));
    }

    private static UtcSpan[] Shuffle(IReadOnlyList<UtcSpan> spans, Random random)
    {
        var copy = spans.ToArray();
        random.Shuffle(copy);
        return copy;
    }

    private sealed record Staff(string Id, DayHours[] Hours, DateSpan[] TimeOff, int From, int To, DayOfWeek DayOff)
    {
        public List<UtcSpan> Busy { get; } = [];

        public bool Works(DateOnly day, int hour) =>
            day.DayOfWeek != DayOff && From <= hour && hour < To && !TimeOff.Any(off => off.Contains(day));
    }
}
