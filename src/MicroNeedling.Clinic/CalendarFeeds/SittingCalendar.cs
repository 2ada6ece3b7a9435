using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using MicroNeedling.Clinic.Common;

namespace MicroNeedling.Clinic.CalendarFeeds;

/// <summary>One booked sitting as a calendar event, for a patient's mail attachment or a clinician's feed.</summary>
/// <param name="Sequence">Raised on every change to the booking (<see cref="SittingCalendar.SequenceOf"/>), so calendars replace the old copy.</param>
public sealed record SittingEvent(
    int BookingId, DateTime StartUtc, DateTime EndUtc, int Sequence, bool Cancelled, string Summary, string? Location, string? Description);

/// <summary>
/// Writes sittings as iCalendar (RFC 5545) with Ical.Net: the one place both the patients' .ics attachments and the
/// clinicians' feeds are made. Times are written as local times of the clinic's zone with its TZID and VTIMEZONE, not
/// as UTC: a calendar then shows 10:00 as 10:00 on both sides of a clock change (peers' feeds are an hour off after DST).
/// </summary>
public static class SittingCalendar
{
    public const string ProductId = "-//MicroNeedling//Clinic calendar//EN";

    /// <summary>The UID of a booking's event: stable for the booking's life, so a moved sitting updates the same event.</summary>
    public static string UidOf(int bookingId) => $"booking-{bookingId}@microneedling";

    /// <summary>Every change recorded on a booking after it was made (moved, cancelled, checked in…) raises the SEQUENCE.</summary>
    public static int SequenceOf(int historyEventCount) => Math.Max(0, historyEventCount - 1);

    /// <param name="method">PUBLISH for a feed or a confirmation; CANCEL for a cancellation notice.</param>
    public static string Write(string timeZoneId, IEnumerable<SittingEvent> sittings, string method = "PUBLISH", string? calendarName = null)
    {
        var clock = ClinicTime.For(timeZoneId);
        var calendar = new Ical.Net.Calendar { ProductId = ProductId, Method = method };
        if (calendarName is not null)
        {
            calendar.AddProperty("X-WR-CALNAME", calendarName);
            calendar.AddProperty("X-WR-TIMEZONE", timeZoneId);
        }

        var list = sittings.ToList();
        // The VTIMEZONE covers the events' years only (from the first one on), not the zone's whole history. Ical.Net reads
        // the zone's rules from a year before that date up to the real present, and throws when that start is after the
        // present: so a first sitting more than a year ahead (a feed reaches 400 days) starts the rules today instead.
        var earliest = list.Count == 0 ? DateTime.UtcNow : Min(clock.ToLocal(list.Min(s => s.StartUtc)), DateTime.UtcNow);
        calendar.AddTimeZone(VTimeZone.FromDateTimeZone(timeZoneId, earliest.AddDays(-1), includeHistoricalData: false));
        foreach (var sitting in list)
        {
            calendar.Events.Add(new CalendarEvent
            {
                Uid = UidOf(sitting.BookingId),
                Sequence = sitting.Sequence,
                DtStamp = new CalDateTime(DateTime.SpecifyKind(DateTime.UtcNow, DateTimeKind.Utc)),
                DtStart = new CalDateTime(clock.ToLocal(sitting.StartUtc), timeZoneId),
                DtEnd = new CalDateTime(clock.ToLocal(sitting.EndUtc), timeZoneId),
                Summary = sitting.Summary,
                Location = sitting.Location,
                Description = sitting.Description,
                Status = sitting.Cancelled ? EventStatus.Cancelled : EventStatus.Confirmed,
                Transparency = sitting.Cancelled ? TransparencyType.Transparent : TransparencyType.Opaque,
            });
        }

        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;
}
