using MicroNeedling.Clinic.CalendarFeeds;

namespace MicroNeedling.Clinic.Tests.CalendarFeeds;

/// <summary>The one iCalendar writer, on its own: what any feed or attachment relies on.</summary>
public sealed class WritingSittingsAsICalendarTests
{
    [Theory]
    [InlineData("Europe/London")]
    [InlineData("America/New_York")]
    public void A_calendar_whose_first_sitting_is_more_than_a_year_ahead_of_the_real_clock_is_written(string zone)
    {
        // Ical.Net builds the VTIMEZONE up to the real present and threw when the first event was over a year ahead of it;
        // a feed reaches 400 days, so a clinician with only far-off sittings got an error. Real clock on purpose.
        var start = DateTime.SpecifyKind(DateTime.UtcNow.Date.AddDays(390).AddHours(14), DateTimeKind.Utc);
        var sitting = new SittingEvent(7, start, start.AddHours(1), 0, false, "Sitting 1 of 6 · A.B.", "Room 1", null);

        var text = SittingCalendar.Write(zone, [sitting], calendarName: "Test sittings");
        var calendar = Ical.Net.Calendar.Load(text)!;

        Assert.Equal(zone, Assert.Single(calendar.TimeZones).TzId);
        Assert.Equal(start, Assert.Single(calendar.Events).DtStart!.AsUtc);
    }
}
