using MicroNeedling.Clinic.Calendar;
using MicroNeedling.Clinic.CourseScheduling;
using static MicroNeedling.Clinic.Tests.Scheduling.Scenario;

namespace MicroNeedling.Clinic.Tests.Scheduling;

/// <summary>What the front desk reads when a sitting cannot be placed.</summary>
public sealed class CourseSchedulerProblemTests
{
    [Fact]
    public void Explains_that_no_slot_is_free_in_the_window_and_does_not_place_the_sittings_after_it()
    {
        var calendar = Snapshot(Clinician("ana", timeOff: [new DateSpan(Day("2026-02-01"), Day("2026-02-28"))]));
        var request = Course(1, 2, 3) with { HorizonDays = 14 };

        var proposals = CourseScheduler.Propose(request, calendar);

        Assert.Equal(
            [
                "No free slot between 2 Feb 2026 and 15 Feb 2026.",
                "Sitting 1 could not be placed, so sitting 2 cannot be placed either: place sitting 1 first.",
                "Sitting 1 could not be placed, so sitting 3 cannot be placed either: place sitting 1 first.",
            ],
            proposals.Select(p => p.Problem));
        Assert.All(proposals, p => Assert.False(p.IsPlaced));
        Assert.All(proposals, p => Assert.Equal((null, null, null), (p.StartUtc, p.ClinicianId, p.RoomId)));
        Assert.Equal([101, 102, 103], proposals.Select(p => p.SittingId));
    }

    [Fact]
    public void Says_the_preferred_days_and_times_were_searched_when_there_are_preferences()
    {
        // Sitting 1 on Tue 10 Mar: sitting 2 between 7 Apr (28 days) and 21 Apr (42 days); both Wednesday mornings are taken.
        var calendar = Snapshot(Clinician("ana", busy: [Busy("2026-04-08 09:00", 180), Busy("2026-04-15 09:00", 180)]));
        var request = Course(2) with
        {
            Booked = [Booked(1, "2026-03-10")],
            EarliestStartUtc = ToUtc("2026-03-01 00:00"),
            PreferredDays = Days("Wednesday"),
            TimeOfDay = TimeOfDayPreference.Morning,
        };

        var proposal = Assert.Single(CourseScheduler.Propose(request, calendar));

        Assert.Equal("No free slot between 7 Apr 2026 and 21 Apr 2026 on the preferred days and times.", proposal.Problem);
    }

    [Fact]
    public void Explains_that_the_only_day_left_before_a_booked_later_sitting_is_not_free()
    {
        var calendar = Snapshot() with { ClosedDays = new HashSet<DateOnly> { Day("2026-02-02") } };
        var request = Course(2) with
        {
            Booked = [Booked(1, "2026-01-05"), Booked(3, "2026-03-02")],
            EarliestStartUtc = ToUtc("2026-01-20 00:00"),
        };

        var proposal = Assert.Single(CourseScheduler.Propose(request, calendar));

        Assert.Equal("No free slot between 2 Feb 2026 and 2 Feb 2026.", proposal.Problem);
    }

    [Fact]
    public void Explains_that_a_booked_later_sitting_is_too_close_to_keep_the_minimum_interval()
    {
        var request = Course(2) with
        {
            Booked = [Booked(1, "2026-01-05"), Booked(3, "2026-02-20")],
            EarliestStartUtc = ToUtc("2026-01-20 00:00"),
        };

        var proposal = Assert.Single(CourseScheduler.Propose(request, Snapshot()));

        Assert.Equal(
            "Sitting 2 must be at least 28 days before sitting 3 (booked on 20 Feb 2026), that is by 23 Jan 2026, " +
            "but the earliest day it may take is 2 Feb 2026. Move sitting 3 or review the course.",
            proposal.Problem);
    }

    [Fact]
    public void Explains_that_the_recommended_maximum_interval_has_passed()
    {
        var request = Course(2) with { Booked = [Booked(1, "2025-12-01")] };

        var proposal = Assert.Single(CourseScheduler.Propose(request, Snapshot()));

        Assert.Equal(
            "Sitting 2 should be within 42 days of sitting 1 (1 Dec 2025), that is by 12 Jan 2026, " +
            "but the earliest day it may take is 2 Feb 2026. A clinician should review the course.",
            proposal.Problem);
    }

    [Fact]
    public void Does_not_search_past_the_recommended_maximum_interval()
    {
        var calendar = Snapshot(Clinician("ana", timeOff: [new DateSpan(Day("2026-03-02"), Day("2026-03-16"))]));
        var request = Course(2) with { Booked = [Booked(1, "2026-02-02")] };

        var proposal = Assert.Single(CourseScheduler.Propose(request, calendar));

        Assert.Equal("No free slot between 2 Mar 2026 and 16 Mar 2026.", proposal.Problem);
    }

    [Fact]
    public void Explains_that_there_is_no_slot_when_the_clinic_has_no_clinician_or_no_room()
    {
        var noClinician = Snapshot() with { Clinicians = [] };
        var noRoom = Snapshot() with { Rooms = [] };
        var request = Course(1) with { HorizonDays = 7 };

        Assert.Equal("No free slot between 2 Feb 2026 and 8 Feb 2026.", CourseScheduler.Propose(request, noClinician)[0].Problem);
        Assert.Equal("No free slot between 2 Feb 2026 and 8 Feb 2026.", CourseScheduler.Propose(request, noRoom)[0].Problem);
    }
}
