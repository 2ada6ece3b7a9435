using MicroNeedling.Clinic.Calendar;
using MicroNeedling.Clinic.ClinicSetup;
using MicroNeedling.Clinic.CourseScheduling;
using static MicroNeedling.Clinic.Tests.Scheduling.Scenario;

namespace MicroNeedling.Clinic.Tests.Scheduling;

/// <summary>Where the scheduler places sittings when a slot exists. The problems it reports are in CourseSchedulerProblemTests.</summary>
public sealed class CourseSchedulerTests
{
    [Theory]
    [InlineData(21, new[] { "2026-02-02", "2026-02-23", "2026-03-16", "2026-04-06", "2026-04-27", "2026-05-18" })]
    [InlineData(28, new[] { "2026-02-02", "2026-03-02", "2026-03-30", "2026-04-27", "2026-05-25", "2026-06-22" })]
    [InlineData(35, new[] { "2026-02-02", "2026-03-09", "2026-04-13", "2026-05-18", "2026-06-22", "2026-07-27" })]
    public void Places_six_sittings_exactly_the_minimum_interval_apart_on_an_empty_calendar(int minIntervalDays, string[] expectedDays)
    {
        var request = Course() with { MinIntervalDays = minIntervalDays, MaxIntervalDays = minIntervalDays + 14 };

        var proposals = CourseScheduler.Propose(request, Snapshot());

        Assert.Equal(expectedDays.Select(d => $"{d} 09:00 ana room 1"), proposals.Select(p => Describe(p)));
        Assert.Equal([101, 102, 103, 104, 105, 106], proposals.Select(p => p.SittingId));
        Assert.All(proposals, p => Assert.Null(p.Problem));
        Assert.All(proposals, p => Assert.Equal(DateTimeKind.Utc, p.StartUtc!.Value.Kind));
    }

    [Fact]
    public void Returns_the_sittings_in_number_order_whatever_order_they_are_given_in()
    {
        var request = Course() with { Sittings = [new SittingToPlace(7, 3), new SittingToPlace(5, 1), new SittingToPlace(6, 2)] };

        var proposals = CourseScheduler.Propose(request, Snapshot());

        Assert.Equal([(5, 1), (6, 2), (7, 3)], proposals.Select(p => (p.SittingId, p.Number)));
        Assert.Equal(["2026-02-02 09:00", "2026-03-02 09:00", "2026-03-30 09:00"], proposals.Select(p => Local(p)));
    }

    [Theory]
    [InlineData("2026-02-01 00:00", "", "2026-02-02 09:00")] // Sunday: no opening hours
    [InlineData("2026-02-02 00:00", "2026-02-02", "2026-02-03 09:00")] // a closed day (bank holiday)
    [InlineData("2026-02-07 18:00", "2026-02-09", "2026-02-10 09:00")] // Saturday evening, Sunday shut, Monday closed
    [InlineData("2026-02-02 10:07", "", "2026-02-02 10:15")] // the next start on the 15-minute grid
    [InlineData("2026-02-02 17:00", "", "2026-02-02 17:00")] // ends exactly at closing time
    [InlineData("2026-02-02 17:01", "", "2026-02-03 09:00")] // would end after closing time
    public void Places_the_whole_sitting_inside_opening_hours_and_never_on_a_closed_day(string earliestLocal, string closedDay, string expected)
    {
        var calendar = Snapshot() with
        {
            ClosedDays = closedDay.Length == 0 ? new HashSet<DateOnly>() : new HashSet<DateOnly> { Day(closedDay) },
        };
        var request = Course(1) with { EarliestStartUtc = ToUtc(earliestLocal) };

        var proposal = Assert.Single(CourseScheduler.Propose(request, calendar));

        Assert.Equal(expected, Local(proposal));
    }

    [Fact]
    public void Does_not_place_a_sitting_across_a_lunch_break_between_two_opening_periods()
    {
        var calendar = Snapshot() with
        {
            OpeningHours = [.. Hours("09:00", "12:00", MondayToSaturday), .. Hours("13:00", "18:00", MondayToSaturday)],
        };
        var request = Course(1) with { EarliestStartUtc = ToUtc("2026-02-02 11:30") };

        Assert.Equal("2026-02-02 13:00", Local(Assert.Single(CourseScheduler.Propose(request, calendar))));
    }

    [Fact]
    public void Never_proposes_a_start_before_the_earliest_start()
    {
        var request = Course(1) with { EarliestStartUtc = Utc("2026-02-02 10:20") };

        var proposal = Assert.Single(CourseScheduler.Propose(request, Snapshot()));

        Assert.Equal(Utc("2026-02-02 10:30"), proposal.StartUtc);
    }

    [Theory]
    [InlineData("13:00", "18:00", "Monday,Tuesday", "", "2026-02-02 00:00", "2026-02-02 13:00")] // starts work after opening
    [InlineData("09:00", "12:00", "Monday,Tuesday", "", "2026-02-02 11:00", "2026-02-02 11:00")] // ends exactly at end of shift
    [InlineData("09:00", "12:00", "Monday,Tuesday", "", "2026-02-02 11:30", "2026-02-03 09:00")] // would run past end of shift
    [InlineData("09:00", "18:00", "Tuesday", "", "2026-02-02 00:00", "2026-02-03 09:00")] // does not work Mondays
    [InlineData("09:00", "18:00", "Monday,Tuesday,Thursday", "2026-02-02..2026-02-03", "2026-02-02 00:00", "2026-02-05 09:00")] // time off, inclusive
    [InlineData("09:00", "18:00", "Monday,Tuesday", "2026-02-03..2026-02-03", "2026-02-02 00:00", "2026-02-02 09:00")] // time off later on
    public void Respects_the_clinicians_working_hours_and_time_off(
        string from, string to, string workingDays, string timeOff, string earliestLocal, string expected)
    {
        DateSpan[] off = timeOff.Length == 0 ? [] : [new DateSpan(Day(timeOff[..10]), Day(timeOff[12..]))];
        var calendar = Snapshot(Clinician("ana", Hours(from, to, [.. Days(workingDays)]), off));
        var request = Course(1) with { EarliestStartUtc = ToUtc(earliestLocal) };

        Assert.Equal(expected, Local(Assert.Single(CourseScheduler.Propose(request, calendar))));
    }

    [Theory]
    [InlineData("clinician", "2026-02-02 09:30", 30, "2026-02-02 10:00")]
    [InlineData("clinician", "2026-02-02 09:55", 35, "2026-02-02 10:30")] // the last 5 minutes of a 09:00 sitting are turnover: still a clash
    [InlineData("clinician", "2026-02-02 08:00", 60, "2026-02-02 09:00")] // touching is not overlapping
    [InlineData("room", "2026-02-02 09:30", 30, "2026-02-02 10:00")]
    [InlineData("room", "2026-02-02 09:55", 35, "2026-02-02 10:30")]
    [InlineData("room", "2026-02-02 08:00", 60, "2026-02-02 09:00")]
    [InlineData("patient", "2026-02-02 09:30", 30, "2026-02-02 10:00")]
    [InlineData("patient", "2026-02-02 09:55", 35, "2026-02-02 10:30")]
    [InlineData("patient", "2026-02-02 08:00", 60, "2026-02-02 09:00")]
    public void Keeps_the_whole_duration_clear_of_the_clinicians_the_rooms_and_the_patients_bookings(
        string who, string busyFrom, int busyMinutes, string expected)
    {
        UtcSpan[] busy = [Busy(busyFrom, busyMinutes)];
        var calendar = Snapshot(Clinician("ana", busy: who == "clinician" ? busy : [])) with
        {
            Rooms = [Room(1, who == "room" ? busy : [])],
            PatientBusy = who == "patient" ? busy : [],
        };

        Assert.Equal(expected, Local(Assert.Single(CourseScheduler.Propose(Course(1), calendar))));
    }

    [Fact]
    public void Takes_another_room_when_the_first_is_busy_and_the_lowest_room_id_when_several_are_free()
    {
        var firstBusy = Snapshot() with { Rooms = [Room(2), Room(1, Busy("2026-02-02 09:00", 60))] };
        var bothFree = Snapshot() with { Rooms = [Room(3), Room(2)] };

        Assert.Equal("2026-02-02 09:00 ana room 2", Describe(CourseScheduler.Propose(Course(1), firstBusy)[0]));
        Assert.Equal("2026-02-02 09:00 ana room 2", Describe(CourseScheduler.Propose(Course(1), bothFree)[0]));
    }

    [Fact]
    public void Each_proposed_sitting_is_busy_for_the_following_sittings_of_the_same_call()
    {
        var calendar = Snapshot(Clinician("ana"), Clinician("ben")) with { Rooms = [Room(1), Room(2)] };
        var request = Course(1, 2, 3) with { MinIntervalDays = 0, MaxIntervalDays = 0 };

        var proposals = CourseScheduler.Propose(request, calendar);

        Assert.Equal(["2026-02-02 09:00 ana room 1", "2026-02-02 10:00 ana room 1", "2026-02-02 11:00 ana room 1"], proposals.Select(p => Describe(p)));
    }

    [Theory]
    [InlineData("Wednesday", TimeOfDayPreference.Any, "", "2026-02-04 09:00")]
    [InlineData("Saturday", TimeOfDayPreference.Morning, "", "2026-02-07 09:00")]
    [InlineData("Tuesday,Thursday", TimeOfDayPreference.Afternoon, "", "2026-02-03 12:00")]
    [InlineData("", TimeOfDayPreference.Afternoon, "", "2026-02-02 12:00")]
    [InlineData("", TimeOfDayPreference.Morning, "09:00-11:00", "2026-02-02 11:00")] // starts before noon, ends at noon
    [InlineData("", TimeOfDayPreference.Morning, "09:00-11:45", "2026-02-02 11:45")] // a morning start may run past noon
    [InlineData("", TimeOfDayPreference.Morning, "09:00-11:50", "2026-02-03 09:00")] // the next start, 12:00, is afternoon
    [InlineData("", TimeOfDayPreference.Morning, "09:00-12:00", "2026-02-03 09:00")]
    [InlineData("", TimeOfDayPreference.Any, "09:00-12:00", "2026-02-02 12:00")]
    public void Honours_the_preferred_weekdays_and_time_of_day(string days, TimeOfDayPreference timeOfDay, string mondayBusy, string expected)
    {
        UtcSpan[] busy = mondayBusy.Length == 0
            ? []
            : [new UtcSpan(ToUtc($"2026-02-02 {mondayBusy[..5]}"), ToUtc($"2026-02-02 {mondayBusy[6..]}"))];
        var calendar = Snapshot(Clinician("ana", busy: busy));
        var request = Course(1) with { PreferredDays = Days(days), TimeOfDay = timeOfDay };

        Assert.Equal(expected, Local(Assert.Single(CourseScheduler.Propose(request, calendar))));
    }

    [Fact]
    public void Keeps_to_the_preferred_weekday_by_waiting_past_the_minimum_interval()
    {
        var request = Course(1, 2, 3) with { MinIntervalDays = 30, PreferredDays = Days("Friday") };

        var proposals = CourseScheduler.Propose(request, Snapshot());

        // 6 Feb + 30 = Sun 8 Mar, so Fri 13 Mar; 13 Mar + 30 = Sun 12 Apr, so Fri 17 Apr.
        Assert.Equal(["2026-02-06 09:00", "2026-03-13 09:00", "2026-04-17 09:00"], proposals.Select(p => Local(p)));
    }

    [Fact]
    public void Prefers_the_clinician_of_the_last_booked_sitting_at_a_later_hour_of_the_same_day()
    {
        var calendar = Snapshot(Clinician("ana"), Clinician("ben", busy: [Busy("2026-03-02 09:00", 300)]));
        var request = Course(2) with { Booked = [Booked(1, "2026-02-02", "ben")] };

        Assert.Equal("2026-03-02 14:00 ben room 1", Describe(CourseScheduler.Propose(request, calendar)[0]));
    }

    [Fact]
    public void Prefers_the_requested_clinician_over_the_clinician_of_the_last_booked_sitting()
    {
        var calendar = Snapshot(Clinician("ana"), Clinician("ben"), Clinician("cara", busy: [Busy("2026-03-02 09:00", 60)]));
        var request = Course(2) with { Booked = [Booked(1, "2026-02-02", "ben")], PreferredClinicianId = "cara" };

        Assert.Equal("2026-03-02 10:00 cara room 1", Describe(CourseScheduler.Propose(request, calendar)[0]));
    }

    [Fact]
    public void Falls_back_to_the_clinician_of_the_last_booked_sitting_when_the_requested_one_is_not_in_the_calendar()
    {
        var calendar = Snapshot(Clinician("ana"), Clinician("ben"));
        var request = Course(2) with { Booked = [Booked(1, "2026-02-02", "ben")], PreferredClinicianId = "left-the-clinic" };

        Assert.Equal("2026-03-02 09:00 ben room 1", Describe(CourseScheduler.Propose(request, calendar)[0]));
    }

    [Fact]
    public void The_earliest_day_wins_over_the_preferred_clinician()
    {
        var calendar = Snapshot(
            Clinician("ana", busy: [Busy("2026-03-02 09:00", 60)]),
            Clinician("ben", timeOff: [new DateSpan(Day("2026-03-02"), Day("2026-03-02"))]));
        var request = Course(2) with { Booked = [Booked(1, "2026-02-02", "ben")] };

        Assert.Equal("2026-03-02 10:00 ana room 1", Describe(CourseScheduler.Propose(request, calendar)[0]));
    }

    [Fact]
    public void Without_a_preferred_clinician_the_earliest_slot_wins_then_the_clinician_id_order()
    {
        var cara = Snapshot(
            Clinician("cara", busy: [Busy("2026-02-02 09:00", 60)]),
            Clinician("ben", busy: [Busy("2026-02-02 09:00", 120)]),
            Clinician("ana", busy: [Busy("2026-02-02 09:00", 120)]));
        var allFree = Snapshot(Clinician("cara"), Clinician("ben"), Clinician("ana"));

        Assert.Equal("2026-02-02 10:00 cara room 1", Describe(CourseScheduler.Propose(Course(1), cara)[0]));
        Assert.Equal("2026-02-02 09:00 ana room 1", Describe(CourseScheduler.Propose(Course(1), allFree)[0]));
    }

    [Fact]
    public void Stays_with_the_clinician_proposed_for_the_first_sitting_of_a_new_course()
    {
        // ana comes first in order, but is busy on the first day; the course then stays with ben.
        var calendar = Snapshot(Clinician("ana", busy: [Busy("2026-02-02 09:00", 540)]), Clinician("ben"));

        var proposals = CourseScheduler.Propose(Course(1, 2, 3), calendar);

        Assert.Equal(["ben", "ben", "ben"], proposals.Select(p => p.ClinicianId));
    }

    [Fact]
    public void Places_a_sitting_at_least_the_minimum_interval_before_an_already_booked_later_sitting()
    {
        // Sitting 3 is booked 8 weeks after sitting 1, so sitting 2 fits on exactly one day: 28 days after each.
        var request = Course(2) with
        {
            Booked = [Booked(1, "2026-01-05"), Booked(3, "2026-03-02")],
            EarliestStartUtc = ToUtc("2026-01-20 00:00"),
        };

        Assert.Equal("2026-02-02 09:00", Local(Assert.Single(CourseScheduler.Propose(request, Snapshot()))));
    }

    [Fact]
    public void Leaves_room_for_every_sitting_before_a_booked_later_sitting()
    {
        var request = Course(1, 2) with { Booked = [Booked(3, "2026-03-30")] };

        var proposals = CourseScheduler.Propose(request, Snapshot());

        Assert.Equal(["2026-02-02 09:00", "2026-03-02 09:00"], proposals.Select(p => Local(p)));
    }

    [Fact]
    public void Searches_up_to_the_recommended_maximum_interval_after_the_previous_sitting()
    {
        // The window is 2 Mar (28 days) to 16 Mar (42 days); ana is away for all of it but the last day.
        var calendar = Snapshot(Clinician("ana", timeOff: [new DateSpan(Day("2026-03-02"), Day("2026-03-15"))]));
        var request = Course(2) with { Booked = [Booked(1, "2026-02-02")] };

        Assert.Equal("2026-03-16 09:00", Local(Assert.Single(CourseScheduler.Propose(request, calendar))));
    }

    [Fact]
    public void Searches_the_horizon_from_the_earliest_start_for_a_first_sitting()
    {
        // 90 days from Mon 2 Feb end on Sat 2 May.
        var calendar = Snapshot(Clinician("ana", timeOff: [new DateSpan(Day("2026-02-02"), Day("2026-05-01"))]));

        Assert.Equal("2026-05-02 09:00", Local(Assert.Single(CourseScheduler.Propose(Course(1), calendar))));
    }

    [Fact]
    public void Places_all_six_sittings_of_a_new_course_months_ahead_whatever_the_screenings_validity()
    {
        // The rule of ADR 0017: booking needs a plan made on a screening that allowed treatment, not a screening valid on
        // each sitting's date (30 days by default, against 28-day intervals). The check-in re-screen renews it on the day.
        var proposals = CourseScheduler.Propose(Course(), Snapshot());

        Assert.Equal(
            ["2026-02-02 09:00", "2026-03-02 09:00", "2026-03-30 09:00", "2026-04-27 09:00", "2026-05-25 09:00", "2026-06-22 09:00"],
            proposals.Select(p => Local(p)));
    }

    [Fact]
    public void Keeps_the_minimum_interval_to_the_patients_sittings_of_another_course()
    {
        // Sitting 1 of another course on Wed 4 Feb: the new course may start 28 days later, as the booking's final check says.
        var request = Course(1) with { OtherCourseDates = [Day("2026-02-04")] };

        Assert.Equal("2026-03-04 09:00", Local(Assert.Single(CourseScheduler.Propose(request, Snapshot()))));
    }

    [Fact]
    public void Rejects_a_request_it_cannot_schedule()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CourseScheduler.Propose(Course() with { Duration = TimeSpan.Zero }, Snapshot()));
        Assert.Throws<ArgumentOutOfRangeException>(() => CourseScheduler.Propose(Course() with { MaxIntervalDays = 27 }, Snapshot()));
        Assert.Throws<ArgumentOutOfRangeException>(() => CourseScheduler.Propose(Course(), Snapshot() with { SlotMinutes = 0 }));
    }
}
