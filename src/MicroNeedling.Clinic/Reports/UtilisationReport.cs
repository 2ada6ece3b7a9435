using MicroNeedling.Clinic.Bookings;
using MicroNeedling.Clinic.Calendar;
using MicroNeedling.Clinic.ClinicSetup;
using MicroNeedling.Clinic.Data;
using Microsoft.EntityFrameworkCore;

namespace MicroNeedling.Clinic.Reports;

/// <summary>
/// Booked hours over working hours, per clinician and per room, by week or month.
/// </summary>
/// <remarks>
/// <para>Booked: every live booking (booked, checked in, completed) from its start to its end (numbing and turnover
/// included, as the calendar holds it), clipped to the period and split at the week or month boundaries.</para>
/// <para>Working hours of a clinician: their weekly hours on each day of the period, less their time off and the clinic's
/// closed days. Of a room: the clinic's opening hours, less closed days. Both are measured between UTC instants
/// (<see cref="WeeklyHours.SpansOn"/>), so a day with a clock change counts its real length. Bookable clinicians and
/// active rooms are listed; a disabled clinician or an inactive room only when it has bookings in the period.</para>
/// <para>Seven small queries, whatever the size of the database: the bookings are read by an index range on
/// <c>StartUtc</c> and only four columns of them.</para>
/// </remarks>
internal static class UtilisationReport
{
    private sealed record Resource(string Name, WeeklyHours Hours, IReadOnlyList<DateSpan> TimeOff);

    public static async Task<Report> BuildAsync(ReportContext context, ReportPeriod period, CancellationToken ct)
    {
        var db = context.Db;
        var clock = context.Clock;
        var buckets = ReportBuckets.Of(period, clock);
        var fromUtc = buckets[0].StartUtc;
        var toUtc = buckets[^1].EndUtc;
        var lookBack = fromUtc - BookingRules.LongestAppointment;

        var bookings = await db.Bookings.AsNoTracking().Where(Booking.IsLive)
            .Where(b => b.StartUtc > lookBack && b.StartUtc < toUtc && b.EndUtc > fromUtc)
            .Select(b => new { b.ClinicianId, b.RoomId, b.StartUtc, b.EndUtc })
            .ToListAsync(ct);
        var bookedClinicians = bookings.Select(b => b.ClinicianId).Distinct().ToList();
        var bookedRooms = bookings.Select(b => b.RoomId).Distinct().ToList();

        var bookable = Clinicians.Bookable(db).Select(u => u.Id);
        var clinicians = await db.Users.AsNoTracking()
            .Where(u => bookable.Contains(u.Id) || bookedClinicians.Contains(u.Id))
            .Select(u => new { u.Id, u.DisplayName })
            .ToListAsync(ct);
        var clinicianIds = clinicians.Select(c => c.Id).ToList();
        var hours = await db.ClinicianHours.AsNoTracking().Where(h => clinicianIds.Contains(h.ClinicianId))
            .Select(h => new { h.ClinicianId, Hours = new DayHours(h.Day, h.Start, h.End) }).ToListAsync(ct);
        var timeOff = await db.TimeOff.AsNoTracking().Where(t => t.To >= period.From && t.From <= period.To)
            .Select(t => new { t.ClinicianId, Span = new DateSpan(t.From, t.To) }).ToListAsync(ct);
        var rooms = await db.Rooms.AsNoTracking().Where(r => r.IsActive || bookedRooms.Contains(r.Id))
            .Select(r => new { r.Id, r.Name }).ToListAsync(ct);
        var opening = new WeeklyHours(await db.OpeningHours.AsNoTracking().Where(h => h.IsOpen)
            .Select(h => new DayHours(h.Day, h.Opens, h.Closes)).ToListAsync(ct));
        var closed = (await db.ClosedDays.AsNoTracking().Where(d => d.Date >= period.From && d.Date <= period.To)
            .Select(d => d.Date).ToListAsync(ct)).ToHashSet();

        var clinicianList = clinicians
            .OrderBy(c => c.DisplayName, StringComparer.CurrentCultureIgnoreCase).ThenBy(c => c.Id, StringComparer.Ordinal)
            .Select(c => (c.Id, Resource: new Resource(
                c.DisplayName,
                new WeeklyHours(hours.Where(h => h.ClinicianId == c.Id).Select(h => h.Hours).ToList()),
                timeOff.Where(t => t.ClinicianId == c.Id).Select(t => t.Span).ToList())))
            .ToList();
        var roomList = rooms.OrderBy(r => r.Name, StringComparer.CurrentCultureIgnoreCase).ThenBy(r => r.Id)
            .Select(r => (r.Id, Resource: new Resource(r.Name, opening, [])))
            .ToList();

        // Booked and working hours per resource and bucket.
        var clinicianIndex = clinicianList.Select((c, i) => (c.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
        var roomIndex = roomList.Select((r, i) => (r.Id, i)).ToDictionary(p => p.Id, p => p.i);
        var clinicianBooked = new double[clinicianList.Count, buckets.Count];
        var roomBooked = new double[roomList.Count, buckets.Count];
        foreach (var booking in bookings)
        {
            var first = Math.Max(0, ReportBuckets.IndexOf(buckets, booking.StartUtc < fromUtc ? fromUtc : booking.StartUtc));
            for (var b = first; b < buckets.Count && buckets[b].StartUtc < booking.EndUtc; b++)
            {
                var start = booking.StartUtc > buckets[b].StartUtc ? booking.StartUtc : buckets[b].StartUtc;
                var end = booking.EndUtc < buckets[b].EndUtc ? booking.EndUtc : buckets[b].EndUtc;
                if (end <= start)
                {
                    continue;
                }

                var booked = (end - start).TotalHours;
                clinicianBooked[clinicianIndex[booking.ClinicianId], b] += booked;
                if (roomIndex.TryGetValue(booking.RoomId, out var room))
                {
                    roomBooked[room, b] += booked;
                }
            }
        }

        var clinicianWorking = Working(clinicianList.Select(c => c.Resource).ToList(), buckets, closed, clock);
        var roomWorking = Working(roomList.Select(r => r.Resource).ToList(), buckets, closed, clock);
        var clinicianNames = clinicianList.Select(c => c.Resource.Name).ToList();
        var roomNames = roomList.Select(r => r.Resource.Name).ToList();

        return new Report(ReportKind.Utilisation, "Utilisation", period,
        [
            ByBucket("by-clinician", "Utilisation by clinician", clinicianNames, clinicianBooked, clinicianWorking, buckets, period,
                "Hours booked (live bookings from start to end, numbing and turnover included) as a share of the clinician's working hours, less time off and closed days."),
            ByBucket("by-room", "Utilisation by room", roomNames, roomBooked, roomWorking, buckets, period,
                "Hours booked in the room as a share of the clinic's opening hours, less closed days."),
            Totals("clinician-totals", "Clinicians over the whole period", "Clinician", clinicianNames, clinicianBooked, clinicianWorking),
            Totals("room-totals", "Rooms over the whole period", "Room", roomNames, roomBooked, roomWorking),
        ]);
    }

    /// <summary>Working hours of each resource in each bucket: its hours on every open day it is not off.</summary>
    private static double[,] Working(IReadOnlyList<Resource> resources, IReadOnlyList<ReportBucket> buckets, HashSet<DateOnly> closed, Common.ClinicTime clock)
    {
        var working = new double[resources.Count, buckets.Count];
        for (var b = 0; b < buckets.Count; b++)
        {
            for (var day = buckets[b].From; day < buckets[b].ToExclusive; day = day.AddDays(1))
            {
                if (closed.Contains(day))
                {
                    continue;
                }

                for (var r = 0; r < resources.Count; r++)
                {
                    var resource = resources[r];
                    if (resource.TimeOff.Any(t => t.Contains(day)))
                    {
                        continue;
                    }

                    foreach (var span in resource.Hours.SpansOn(day, clock))
                    {
                        working[r, b] += (span.EndUtc - span.StartUtc).TotalHours;
                    }
                }
            }
        }

        return working;
    }

    private static ReportTable ByBucket(
        string id, string title, List<string> names, double[,] booked, double[,] working, IReadOnlyList<ReportBucket> buckets, ReportPeriod period, string note) =>
        new(id, title, ReportBuckets.RowHeader(period.By),
            names.Select(n => new ReportColumn(n, ReportValueFormat.Percent)).ToList(),
            buckets.Select((bucket, b) => new ReportRow(bucket.Label,
                names.Select((_, r) => ReportBuckets.Percent(booked[r, b], working[r, b])).ToList())).ToList(),
            ChartKind.Line,
            note);

    private static ReportTable Totals(string id, string title, string rowHeader, List<string> names, double[,] booked, double[,] working)
    {
        var rows = new List<ReportRow>();
        for (var r = 0; r < names.Count; r++)
        {
            double bookedHours = 0, workingHours = 0;
            for (var b = 0; b < booked.GetLength(1); b++)
            {
                bookedHours += booked[r, b];
                workingHours += working[r, b];
            }

            rows.Add(new ReportRow(names[r], [ReportBuckets.OneDecimal(bookedHours), ReportBuckets.OneDecimal(workingHours), ReportBuckets.Percent(bookedHours, workingHours)]));
        }

        return new ReportTable(id, title, rowHeader,
            [new("Booked hours", ReportValueFormat.OneDecimal), new("Working hours", ReportValueFormat.OneDecimal), new("Utilisation", ReportValueFormat.Percent, Charted: false)],
            rows, ChartKind.Bar, "Booked and working hours added up over the whole period; utilisation is booked over working.");
    }
}
