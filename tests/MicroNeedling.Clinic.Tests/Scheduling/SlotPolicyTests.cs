using MicroNeedling.Clinic.Calendar;
using MicroNeedling.Clinic.ClinicSetup;
using static MicroNeedling.Clinic.Tests.Scheduling.Scenario;

namespace MicroNeedling.Clinic.Tests.Scheduling;

/// <summary>
/// The one slot policy, table-driven. The clinic (London) is open Monday to Friday 09:00–18:00 and Saturday
/// 09:00–14:00; "ana" works weekdays 09:00–18:00 and Saturday 08:00–16:00, "ben" weekdays only and is off on Thursday
/// 5 March. Ana has a booking on Wednesday 4 March 10:00–11:00 in room 1; room 2 is booked 14:00–15:00 that day; the
/// patient has a booking at 16:00. Appointments last 60 minutes; "now" is Monday 2 March 2026, 08:00.
/// </summary>
public sealed class SlotPolicyTests
{
    private static readonly SlotPolicy Policy = new(new CalendarSnapshot(
        London,
        [.. Hours("09:00", "18:00", DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday), .. Hours("09:00", "14:00", DayOfWeek.Saturday)],
        new HashSet<DateOnly> { Day("2026-03-06") },
        [
            Clinician("ana", [.. Hours("09:00", "18:00", DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday), .. Hours("08:00", "16:00", DayOfWeek.Saturday)],
                busy: [Busy("2026-03-04 10:00", 60)]),
            Clinician("ben", Hours("09:00", "18:00", DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday),
                timeOff: [new DateSpan(Day("2026-03-05"), Day("2026-03-05"))]),
        ],
        [Room(1, Busy("2026-03-04 10:00", 60)), Room(2, Busy("2026-03-04 14:00", 60))],
        [Busy("2026-03-04 16:00", 60)])
    {
        NowUtc = ToUtc("2026-03-02 08:00"),
        ClosedDayReasons = new Dictionary<DateOnly, string> { [Day("2026-03-06")] = "staff training" },
    });

    public static TheoryData<string, string, string, int, string?, string?> Cases => new()
    {
        // date, time, clinician, room, refused field (null: bookable), message contains
        { "2026-03-03", "09:00", "ana", 1, null, null },
        { "2026-03-03", "17:00", "ana", 1, null, null },
        { "2026-03-03", "17:15", "ana", 1, "Time", "must fit within opening hours, 09:00–18:00" },
        { "2026-03-03", "08:30", "ana", 1, "Time", "must fit within opening hours" },
        { "2026-03-02", "07:00", "ana", 1, "Time", "already passed" },
        { "2026-03-07", "13:00", "ana", 1, null, null },
        { "2026-03-07", "13:30", "ana", 1, "Time", "must fit within opening hours, 09:00–14:00" },
        { "2026-03-07", "16:00", "ana", 1, "Time", "must fit within opening hours" },
        { "2026-03-07", "10:00", "ben", 1, "Clinician", "does not work on Saturdays" },
        { "2026-03-08", "10:00", "ana", 1, "Date", "closed on Sundays" },
        { "2026-03-06", "10:00", "ana", 1, "Date", "closed on 6 Mar 2026 (staff training)" },
        { "2026-03-05", "10:00", "ben", 1, "Clinician", "off from 5 Mar to 5 Mar 2026" },
        { "2026-03-04", "10:30", "ana", 2, "Clinician", "already has a booking from 10:00–11:00" },
        { "2026-03-04", "10:30", "ben", 1, "Room", "room is already booked from 10:00–11:00" },
        { "2026-03-04", "10:30", "ben", 2, null, null },
        { "2026-03-04", "11:00", "ana", 1, null, null },
        { "2026-03-04", "14:30", "ben", 2, "Room", "already booked from 14:00–15:00" },
        { "2026-03-04", "15:30", "ben", 1, "Slot", "patient already has a booking from 16:00–17:00" },
        { "2026-03-04", "10:00", "zoe", 1, "Clinician", "Choose a clinician from the list" },
        { "2026-03-04", "12:00", "ana", 9, "Room", "Choose an active room from the list" },
        { "2026-03-29", "01:30", "ana", 1, "Time", "does not exist in Europe/London" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_slot_is_bookable_only_when_every_rule_holds_and_each_refusal_names_its_field(
        string date, string time, string clinician, int room, string? field, string? message)
    {
        var decision = Policy.Check(new SlotRequest(Day(date), TimeOnly.Parse(time), TimeSpan.FromMinutes(60), clinician, room));

        if (field is null)
        {
            Assert.True(decision.IsBookable, string.Join("; ", decision.Refusals.Select(r => r.Message)));
            Assert.True(Policy.IsBookable(new SlotRequest(Day(date), TimeOnly.Parse(time), TimeSpan.FromMinutes(60), clinician, room), out _, out _, out _));
        }
        else
        {
            Assert.Contains(decision.Refusals, r => r.Field.ToString() == field && r.Message.Contains(message!, StringComparison.Ordinal));
            Assert.False(Policy.IsBookable(new SlotRequest(Day(date), TimeOnly.Parse(time), TimeSpan.FromMinutes(60), clinician, room), out _, out _, out _));
        }
    }

    [Fact]
    public void With_no_room_named_the_first_free_room_is_chosen()
    {
        Assert.True(Policy.IsBookable(new SlotRequest(Day("2026-03-04"), new TimeOnly(10, 0), TimeSpan.FromMinutes(60), "ben", null), out _, out _, out var room));
        Assert.Equal(2, room);
    }

    [Fact]
    public void With_no_clinician_named_the_first_free_clinician_is_chosen()
    {
        Assert.True(Policy.IsBookable(new SlotRequest(Day("2026-03-04"), new TimeOnly(10, 0), TimeSpan.FromMinutes(60), null, 2), out _, out var clinician, out _));
        Assert.Equal("ben", clinician);
    }

    [Fact]
    public void The_form_lists_each_room_free_or_taken_at_the_chosen_time()
    {
        var rooms = Policy.RoomsFor(new SlotRequest(Day("2026-03-04"), new TimeOnly(10, 30), TimeSpan.FromMinutes(60), null, null));

        Assert.Equal([(1, "10:00–11:00"), (2, (string?)null)], rooms);
    }

    [Fact]
    public void A_held_proposal_makes_its_clinician_room_and_patient_busy()
    {
        var policy = new SlotPolicy(Policy.Snapshot);
        Assert.True(policy.IsBookable(new SlotRequest(Day("2026-03-03"), new TimeOnly(9, 0), TimeSpan.FromMinutes(60), "ana", 1), out var span, out _, out _));

        policy.Hold(span, "ana", 1);

        var again = policy.Check(new SlotRequest(Day("2026-03-03"), new TimeOnly(9, 30), TimeSpan.FromMinutes(60), "ana", 1));
        Assert.Contains(again.Refusals, r => r.Field == SlotField.Clinician);
        Assert.Contains(again.Refusals, r => r.Field == SlotField.Room);
        Assert.Contains(again.Refusals, r => r.Field == SlotField.Slot);
    }

    [Fact]
    public void Working_time_is_the_clinicians_hours_and_none_on_a_day_off()
    {
        Assert.Equal(new DayHours(DayOfWeek.Saturday, new TimeOnly(8, 0), new TimeOnly(16, 0)), Policy.WorkingHoursOn("ana", Day("2026-03-07")));
        Assert.Null(Policy.WorkingHoursOn("ben", Day("2026-03-07")));
        Assert.Null(Policy.WorkingHoursOn("ben", Day("2026-03-05")));
        Assert.Null(Policy.OpeningOn(Day("2026-03-06")));
    }
}
