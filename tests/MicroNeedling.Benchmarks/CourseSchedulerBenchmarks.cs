using BenchmarkDotNet.Attributes;
using MicroNeedling.Clinic.Calendar;
using MicroNeedling.Clinic.CourseScheduling;

namespace MicroNeedling.Benchmarks;

/// <summary>
/// "Book remaining sittings" for a new six-sitting course against a year of bookings (see <see cref="YearOfBookings"/>).
/// The goal from the issue is a median under 5 ms for <see cref="SixSittings"/>.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class CourseSchedulerBenchmarks
{
    private CalendarSnapshot calendar = null!;
    private CalendarSnapshot unsortedCalendar = null!;
    private CourseRequest anyTime = null!;
    private CourseRequest tuesdayThursdayAfternoons = null!;

    [GlobalSetup]
    public void Setup()
    {
        calendar = YearOfBookings.Build();
        unsortedCalendar = YearOfBookings.Shuffled(calendar);
        anyTime = new CourseRequest(
            Sittings: Enumerable.Range(1, 6).Select(n => new SittingToPlace(n, n)).ToArray(),
            Booked: [],
            MinIntervalDays: 28,
            MaxIntervalDays: 42,
            Duration: TimeSpan.FromMinutes(60),
            EarliestStartUtc: TimeZoneInfo.ConvertTimeToUtc(YearOfBookings.FirstDay.ToDateTime(new TimeOnly(9, 0)), YearOfBookings.London),
            PreferredDays: new HashSet<DayOfWeek>(),
            TimeOfDay: TimeOfDayPreference.Any,
            PreferredClinicianId: "clin-03");
        tuesdayThursdayAfternoons = anyTime with
        {
            PreferredDays = new HashSet<DayOfWeek> { DayOfWeek.Tuesday, DayOfWeek.Thursday },
            TimeOfDay = TimeOfDayPreference.Afternoon,
        };

        // A benchmark that places nothing measures nothing: fail loudly instead.
        foreach (var (request, cal) in new[] { (anyTime, calendar), (tuesdayThursdayAfternoons, calendar), (anyTime, unsortedCalendar) })
        {
            var proposals = CourseScheduler.Propose(request, cal);
            if (proposals.Any(p => !p.IsPlaced))
            {
                throw new InvalidOperationException($"The benchmark course was not fully placed: {proposals.First(p => !p.IsPlaced).Problem}");
            }
        }

        var bookings = YearOfBookings.CountBookings(calendar);
        Console.WriteLine($"// Calendar: {bookings} bookings (each busy for a clinician and a room), {YearOfBookings.Clinicians} clinicians, {YearOfBookings.Rooms} rooms.");
        Console.WriteLine($"// Proposed: {string.Join("; ", CourseScheduler.Propose(anyTime, calendar).Select(p => $"{p.StartUtc:yyyy-MM-dd HH:mm}Z {p.ClinicianId} room {p.RoomId}"))}");
    }

    /// <summary>Six sittings, any day and time, with a preferred clinician; busy lists sorted as a database query returns them.</summary>
    [Benchmark]
    public IReadOnlyList<ProposedSitting> SixSittings() => CourseScheduler.Propose(anyTime, calendar);

    /// <summary>The same on Tuesday and Thursday afternoons only, so more days and slots are searched.</summary>
    [Benchmark]
    public IReadOnlyList<ProposedSitting> SixSittings_TuesdayThursdayAfternoons() => CourseScheduler.Propose(tuesdayThursdayAfternoons, calendar);

    /// <summary>The same as <see cref="SixSittings"/> with every busy list shuffled, so the scheduler has to sort them.</summary>
    [Benchmark]
    public IReadOnlyList<ProposedSitting> SixSittings_UnsortedBusyLists() => CourseScheduler.Propose(anyTime, unsortedCalendar);
}
