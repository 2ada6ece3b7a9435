using System.Globalization;
using MicroNeedling.Clinic.Bookings;
using Microsoft.EntityFrameworkCore;

namespace MicroNeedling.Clinic.Reports;

/// <summary>
/// No-shows and late cancellations by week or month, by weekday and by hour of the (clinic-local) start.
/// </summary>
/// <remarks>
/// <para>A no-show is a booking marked as one, starting in the period. A late cancellation is a cancelled booking starting
/// in the period whose cancellation was recorded <see cref="Settings.ClinicSettings.LateCancellationHours"/> hours or
/// fewer before its start, or after it. The rate is both over the bookings that were due: live ones, no-shows and late
/// cancellations (an early cancellation freed the slot in time; a sitting stopped at check-in is left out).</para>
/// <para>One query: the bookings starting in the period by an index range on <c>StartUtc</c>, three small columns each,
/// the cancellation time read by the BookingId index only for cancelled ones; the buckets are counted in memory, where the
/// clinic's time zone is known.</para>
/// </remarks>
internal static class NoShowReport
{
    private const int NoShows = 0, Late = 1, Due = 2;

    public static async Task<Report> BuildAsync(ReportContext context, ReportPeriod period, CancellationToken ct)
    {
        var clock = context.Clock;
        var buckets = ReportBuckets.Of(period, clock);
        var fromUtc = buckets[0].StartUtc;
        var toUtc = buckets[^1].EndUtc;
        var lateWindow = TimeSpan.FromHours(context.Settings.LateCancellationHours);

        var bookings = await context.Db.Bookings.AsNoTracking()
            .Where(b => b.StartUtc >= fromUtc && b.StartUtc < toUtc)
            .Where(b => b.Status == BookingStatus.Booked || b.Status == BookingStatus.CheckedIn || b.Status == BookingStatus.Completed
                || b.Status == BookingStatus.NoShow || b.Status == BookingStatus.Cancelled)
            .Select(b => new
            {
                b.StartUtc,
                b.Status,
                CancelledAtUtc = b.Status == BookingStatus.Cancelled
                    ? b.History.Where(e => e.Kind == BookingEventKind.Cancelled).Max(e => (DateTime?)e.CreatedAtUtc)
                    : null,
            })
            .ToListAsync(ct);

        var byBucket = new int[buckets.Count, 3];
        var byWeekday = new int[7, 3];
        var byHour = new int[24, 3];
        foreach (var booking in bookings)
        {
            int? kind = booking.Status switch
            {
                BookingStatus.NoShow => NoShows,
                BookingStatus.Cancelled when booking.CancelledAtUtc is { } at && at >= booking.StartUtc - lateWindow => Late,
                BookingStatus.Cancelled => null,
                _ => Due,
            };
            if (kind is not { } k)
            {
                continue;
            }

            var local = clock.ToLocal(booking.StartUtc);
            var bucket = ReportBuckets.IndexOf(buckets, booking.StartUtc);
            var weekday = ((int)local.DayOfWeek + 6) % 7;
            foreach (var (counts, row) in new[] { (byBucket, bucket), (byWeekday, weekday), (byHour, local.Hour) })
            {
                counts[row, k]++;
                if (k != Due)
                {
                    counts[row, Due]++;
                }
            }
        }

        var hours = Enumerable.Range(0, 24).Where(h => byHour[h, Due] > 0).ToList();
        var weekdays = new[] { "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday" };
        return new Report(ReportKind.NoShows, "No-shows and late cancellations", period,
        [
            Table(period.By == ReportGrouping.Month ? "by-month" : "by-week", period.By == ReportGrouping.Month ? "By month" : "By week",
                ReportBuckets.RowHeader(period.By), buckets.Select(b => b.Label).ToList(), byBucket, Enumerable.Range(0, buckets.Count).ToList(),
                $"By the day the booking was for. A cancellation counts as late when it was made {context.Settings.LateCancellationHours} hours or fewer before the start (clinic setting), or after it; the rate is over the bookings that were due (live, no-shows and late cancellations)."),
            Table("by-weekday", "By weekday", "Weekday", weekdays, byWeekday, Enumerable.Range(0, 7).ToList(),
                "By the clinic-local weekday of the booking's start."),
            Table("by-hour", "By hour of the day", "Starting at", hours.Select(h => h.ToString("00", CultureInfo.InvariantCulture) + ":00").ToList(), byHour, hours,
                "By the clinic-local hour of the booking's start; hours without bookings are left out."),
        ]);
    }

    private static ReportTable Table(string id, string title, string rowHeader, IReadOnlyList<string> labels, int[,] counts, IReadOnlyList<int> rows, string note) =>
        new(id, title, rowHeader,
        [
            new("No-shows", ReportValueFormat.Count),
            new("Late cancellations", ReportValueFormat.Count),
            new("Bookings due", ReportValueFormat.Count, Charted: false),
            new("Rate", ReportValueFormat.Percent, Charted: false),
        ],
            rows.Select((r, i) => new ReportRow(labels[i],
            [
                counts[r, NoShows],
                counts[r, Late],
                counts[r, Due],
                ReportBuckets.Percent(counts[r, NoShows] + counts[r, Late], counts[r, Due]),
            ])).ToList(),
            ChartKind.StackedBar,
            note);
}
