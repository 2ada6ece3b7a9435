using Ical.Net.CalendarComponents;
using MicroNeedling.Clinic.Bookings;
using MicroNeedling.Clinic.CalendarFeeds;
using MicroNeedling.Clinic.ClinicSetup;
using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.Plans;
using MicroNeedling.Clinic.Staff;
using MicroNeedling.Clinic.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace MicroNeedling.Clinic.Tests.CalendarFeeds;

/// <summary>
/// A clinician's calendar feed through the real CalendarFeedService and BookingService, read back with Ical.Net as a phone's
/// calendar would: sittings around both clock changes of 2027 in London (28 March, 31 October) and New York (14 March,
/// 7 November) stay at 10:00 on the clinic's wall clock and at the stored instant.
/// </summary>
public sealed class SubscribingToMySittingsTests
{
    // Surnames and first names no initial, room or clinic text could contain by chance.
    private static readonly (string First, string Last)[] PatientNames =
    [
        ("Philippa", "Quennell"), ("Ottoline", "Verrinder"), ("Benedikta", "Wolstenholme"),
        ("Cressida", "Yarborough"), ("Drusilla", "Zouche"), ("Euphemia", "Xanthopoulos"),
    ];

    private sealed record Clinic(ClinicTestHost Host, string Zone, string ClinicianId, int RoomId)
    {
        public Task<T> Feeds<T>(Func<CalendarFeedService, Task<T>> call) => Host.RunAsync(call);
    }

    /// <summary>A clinic in <paramref name="zone"/>, open every day 08:00–20:00, on 1 March 2027, with one clinician and one room.</summary>
    private static async Task<Clinic> OpenClinicAsync(string zone, string clinicianId = "feed-clinician")
    {
        var host = new ClinicTestHost(new DateTimeOffset(2027, 3, 1, 12, 0, 0, TimeSpan.Zero));
        await host.ChangeSettingsAsync(s =>
        {
            s.TimeZoneId = zone;
            s.ScreeningValidityDays = 365; // one screening covers every sitting under test
        });
        var roomId = await host.QueryAsync(async db =>
        {
            var room = new Room { Name = "Garden room" };
            db.Rooms.Add(room);
            await db.OpeningHours.ExecuteUpdateAsync(u => u
                .SetProperty(h => h.IsOpen, true).SetProperty(h => h.Opens, new TimeOnly(8, 0)).SetProperty(h => h.Closes, new TimeOnly(20, 0)));
            await db.SaveChangesAsync();
            return room.Id;
        });
        await AddClinicianAsync(host, clinicianId, Roles.Clinician);
        return new Clinic(host, zone, clinicianId, roomId);
    }

    private static Task<int> AddClinicianAsync(ClinicTestHost host, string id, string role) => host.QueryAsync(async db =>
    {
        var user = new StaffUser { Id = id, UserName = $"{id}@tests.clinic", NormalizedUserName = $"{id}@TESTS.CLINIC".ToUpperInvariant(), DisplayName = "Dr Feed" };
        db.Users.Add(user);
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = id, RoleId = Roles.IdOf(role) });
        foreach (var day in Enum.GetValues<DayOfWeek>())
        {
            db.ClinicianHours.Add(new ClinicianHours { ClinicianId = id, Day = day, Start = new TimeOnly(8, 0), End = new TimeOnly(20, 0) });
        }

        return await db.SaveChangesAsync();
    });

    /// <summary>Sitting 1 of a new patient's course at 10:00 local on each date (one course per date: sittings of one course are weeks apart).</summary>
    private static async Task<List<int>> BookAtTenAsync(Clinic clinic, string[] dates, string? clinicianId = null, int firstPatient = 0)
    {
        var bookings = new List<int>();
        for (var i = 0; i < dates.Length; i++)
        {
            var (first, last) = PatientNames[(firstPatient + i) % PatientNames.Length];
            var plan = await clinic.Host.PlanCourseAsync(await clinic.Host.CreateScreenedPatientAsync(first, last));
            var booked = await clinic.Host.RunAsync<BookingService, ServiceResult<BookingOutcome>>(s => s.BookAsync(new BookSittingCommand
            {
                SittingId = plan.Sittings.Single(x => x.Number == 1).Id,
                ClinicianId = clinicianId ?? clinic.ClinicianId,
                RoomId = clinic.RoomId,
                Date = DateOnly.Parse(dates[i]),
                Time = new TimeOnly(10, 0),
            }));
            Assert.True(booked.Succeeded, $"{dates[i]}: " + string.Join("; ", booked.Errors.Select(e => e.Message)));
            bookings.Add(booked.Value!.BookingId!.Value);
        }

        return bookings;
    }

    private static async Task<string> MakeLinkAsync(Clinic clinic, string? clinicianId = null)
    {
        var made = await clinic.Feeds(s => s.CreateAsync(clinicianId ?? clinic.ClinicianId));
        Assert.True(made.Succeeded, string.Join("; ", made.Errors.Select(e => e.Message)));
        return made.Value!;
    }

    private static async Task<(string Text, Ical.Net.Calendar Calendar)> ReadFeedAsync(Clinic clinic, string token)
    {
        var text = await clinic.Feeds(s => s.FeedAsync(token));
        Assert.NotNull(text);
        return (text, Ical.Net.Calendar.Load(text)!);
    }

    private static CalendarEvent EventOf(Ical.Net.Calendar calendar, int bookingId) =>
        Assert.Single(calendar.Events, e => e.Uid == SittingCalendar.UidOf(bookingId));

    public static TheoryData<string, string[]> AroundTheClockChanges => new()
    {
        // The day before, the day of and the week after each change, spring and autumn.
        { "Europe/London", ["2027-03-27", "2027-03-28", "2027-04-04", "2027-10-30", "2027-10-31", "2027-11-07"] },
        { "America/New_York", ["2027-03-13", "2027-03-14", "2027-03-21", "2027-11-06", "2027-11-07", "2027-11-14"] },
    };

    [Theory]
    [MemberData(nameof(AroundTheClockChanges))]
    public async Task Every_sitting_reads_back_at_ten_on_the_clinics_clock_and_at_the_stored_instant_across_both_clock_changes(string zone, string[] dates)
    {
        var clinic = await OpenClinicAsync(zone);
        using var host = clinic.Host;
        var bookings = await BookAtTenAsync(clinic, dates);
        var stored = await host.QueryAsync(db => db.Bookings.ToDictionaryAsync(b => b.Id, b => (b.StartUtc, b.EndUtc)));

        var (text, calendar) = await ReadFeedAsync(clinic, await MakeLinkAsync(clinic));

        Assert.Equal(bookings.Count, calendar.Events.Count);
        var timeZone = Assert.Single(calendar.TimeZones);
        Assert.Equal(zone, timeZone.TzId);
        Assert.Contains($"DTSTART;TZID={zone}:", text, StringComparison.Ordinal);
        foreach (var (bookingId, date) in bookings.Zip(dates))
        {
            var sitting = EventOf(calendar, bookingId);
            Assert.Equal(zone, sitting.DtStart!.TzId);
            Assert.Equal(DateOnly.Parse(date).ToDateTime(new TimeOnly(10, 0)), sitting.DtStart.Value);
            Assert.Equal(stored[bookingId].StartUtc, sitting.DtStart.AsUtc);
            Assert.Equal(stored[bookingId].EndUtc, sitting.DtEnd!.AsUtc);
            Assert.Equal(0, sitting.Sequence);
            Assert.Equal("CONFIRMED", sitting.Status);
            Assert.Equal("Garden room", sitting.Location);
        }
    }

    [Fact]
    public async Task The_summary_names_the_sitting_and_the_patients_initials_and_no_name()
    {
        var clinic = await OpenClinicAsync("Europe/London");
        using var host = clinic.Host;
        var bookings = await BookAtTenAsync(clinic, ["2027-03-10", "2027-03-11"]);

        var (text, calendar) = await ReadFeedAsync(clinic, await MakeLinkAsync(clinic));

        Assert.Equal("Sitting 1 of 6 · P.Q.", EventOf(calendar, bookings[0]).Summary);
        Assert.Equal("Sitting 1 of 6 · O.V.", EventOf(calendar, bookings[1]).Summary);
        foreach (var (first, last) in PatientNames)
        {
            Assert.DoesNotContain(first, text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(last, text, StringComparison.OrdinalIgnoreCase);
        }

        Assert.All(calendar.Events, e => Assert.Null(e.Description));
    }

    [Fact]
    public async Task A_cancelled_booking_stays_in_the_feed_as_cancelled_with_a_higher_sequence()
    {
        var clinic = await OpenClinicAsync("Europe/London");
        using var host = clinic.Host;
        var bookings = await BookAtTenAsync(clinic, ["2027-03-10", "2027-03-11"]);
        var token = await MakeLinkAsync(clinic);

        var cancelled = await host.RunAsync<BookingService, ServiceResult>(s => s.CancelAsync(new CancelBookingCommand { BookingId = bookings[0], Reason = "Patient asked." }));
        var (_, calendar) = await ReadFeedAsync(clinic, token);

        Assert.True(cancelled.Succeeded);
        Assert.Equal("CANCELLED", EventOf(calendar, bookings[0]).Status);
        Assert.Equal(1, EventOf(calendar, bookings[0]).Sequence);
        Assert.Equal("CONFIRMED", EventOf(calendar, bookings[1]).Status);
    }

    [Fact]
    public async Task A_moved_booking_keeps_its_uid_and_raises_its_sequence()
    {
        var clinic = await OpenClinicAsync("America/New_York");
        using var host = clinic.Host;
        var booking = (await BookAtTenAsync(clinic, ["2027-03-12"])).Single();
        var token = await MakeLinkAsync(clinic);
        var before = EventOf((await ReadFeedAsync(clinic, token)).Calendar, booking);

        var moved = await host.RunAsync<BookingService, ServiceResult<BookingOutcome>>(s => s.MoveAsync(new MoveBookingCommand
        {
            BookingId = booking,
            ClinicianId = clinic.ClinicianId,
            RoomId = clinic.RoomId,
            Date = new DateOnly(2027, 3, 16),
            Time = new TimeOnly(14, 30),
        }));
        var after = EventOf((await ReadFeedAsync(clinic, token)).Calendar, booking);

        Assert.True(moved.Succeeded, string.Join("; ", moved.Errors.Select(e => e.Message)));
        Assert.Equal(before.Uid, after.Uid);
        Assert.Equal(0, before.Sequence);
        Assert.Equal(1, after.Sequence);
        Assert.Equal(new DateTime(2027, 3, 16, 14, 30, 0), after.DtStart!.Value);
    }

    [Fact]
    public async Task The_feed_holds_only_the_clinicians_own_sittings_within_sixty_days_back_and_four_hundred_ahead()
    {
        var clinic = await OpenClinicAsync("Europe/London");
        using var host = clinic.Host;
        await AddClinicianAsync(host, "other-clinician", Roles.Clinician);
        var mine = await BookAtTenAsync(clinic, ["2027-03-10", "2028-03-01"]);
        var theirs = await BookAtTenAsync(clinic, ["2027-03-11"], "other-clinician", firstPatient: 2);
        var token = await MakeLinkAsync(clinic);

        host.AdvanceDays(90); // 30 May 2027: the first sitting is now 81 days back; the second 276 days ahead
        var (_, calendar) = await ReadFeedAsync(clinic, token);

        Assert.Equal([SittingCalendar.UidOf(mine[1])], calendar.Events.Select(e => e.Uid));
        Assert.DoesNotContain(calendar.Events, e => e.Uid == SittingCalendar.UidOf(theirs[0]));
    }

    [Fact]
    public async Task A_new_link_stops_the_old_one_and_turning_it_off_stops_both()
    {
        var clinic = await OpenClinicAsync("Europe/London");
        using var host = clinic.Host;
        var first = await MakeLinkAsync(clinic);

        var second = await MakeLinkAsync(clinic);

        Assert.NotEqual(first, second);
        Assert.Null(await clinic.Feeds(s => s.FeedAsync(first)));
        Assert.NotNull(await clinic.Feeds(s => s.FeedAsync(second)));

        await clinic.Feeds(async s =>
        {
            await s.RevokeAsync(clinic.ClinicianId);
            return 0;
        });

        Assert.Null(await clinic.Feeds(s => s.FeedAsync(second)));
        Assert.Null(await clinic.Feeds(s => s.StatusAsync(clinic.ClinicianId)));
    }

    [Fact]
    public async Task Only_the_hash_of_the_token_is_stored_and_a_read_is_noted()
    {
        var clinic = await OpenClinicAsync("Europe/London");
        using var host = clinic.Host;
        var token = await MakeLinkAsync(clinic);
        Assert.Equal(CalendarFeedService.TokenLength, token.Length);

        var unread = await clinic.Feeds(s => s.StatusAsync(clinic.ClinicianId));
        host.Clock.Advance(TimeSpan.FromMinutes(5));
        await ReadFeedAsync(clinic, token);
        var read = await clinic.Feeds(s => s.StatusAsync(clinic.ClinicianId));

        var stored = await host.QueryAsync(db => db.CalendarFeeds.SingleAsync());
        Assert.Equal(CalendarFeedService.HashOf(token), stored.TokenHash);
        Assert.Equal(64, stored.TokenHash.Length);
        Assert.DoesNotContain(token, stored.TokenHash, StringComparison.Ordinal);
        Assert.Equal(new CalendarFeedStatus(host.UtcNow.AddMinutes(-5), null), unread);
        Assert.Equal(host.UtcNow, read!.LastReadAtUtc);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-token")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")] // well formed, never issued
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/")] // base64, not base64url
    [InlineData("' OR 1=1 --AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task An_unknown_or_malformed_token_gives_no_feed(string token)
    {
        var clinic = await OpenClinicAsync("Europe/London");
        using var host = clinic.Host;
        await MakeLinkAsync(clinic);

        Assert.Null(await clinic.Feeds(s => s.FeedAsync(token)));
    }

    [Fact]
    public async Task Only_clinicians_get_a_link_and_a_disabled_clinicians_link_stops()
    {
        var clinic = await OpenClinicAsync("Europe/London");
        using var host = clinic.Host;
        await AddClinicianAsync(host, "front-desk", Roles.FrontDesk);
        var token = await MakeLinkAsync(clinic);

        var refused = await clinic.Feeds(s => s.CreateAsync("front-desk"));
        await host.QueryAsync(db => db.Users.Where(u => u.Id == clinic.ClinicianId).ExecuteUpdateAsync(u => u.SetProperty(x => x.IsDisabled, true)));

        Assert.False(refused.Succeeded);
        Assert.Null(await clinic.Feeds(s => s.FeedAsync(token)));
    }

    [Theory]
    [InlineData("Anna", "Smith", "A.S.")]
    [InlineData(" émile ", "zola", "É.Z.")]
    [InlineData("Ωmega", "", "Ω.")]
    public void Initials_take_the_first_letter_of_each_name(string first, string last, string expected) =>
        Assert.Equal(expected, CalendarFeedService.Initials(first, last));
}
