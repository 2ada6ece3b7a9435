using MicroNeedling.Clinic.Bookings;
using MicroNeedling.Clinic.ClinicSetup;
using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.Data;
using Microsoft.EntityFrameworkCore;

namespace MicroNeedling.Clinic.Calendar;

/// <summary>
/// Loads a <see cref="CalendarSnapshot"/> in a fixed number of SQL commands, whatever the number of bookings: one day for
/// a booking's final check and the booking form, or a range of days for the calendar and the course scheduler.
/// </summary>
public sealed class CalendarSnapshotLoader(ClinicDbContext db, TimeProvider time)
{
    /// <summary>
    /// One clinic-local day (four commands): its opening hours and closed-day reason, each bookable clinician's hours and
    /// time off that day, the active rooms, and the live bookings that reach into the day, less <paramref name="ignoreBookingId"/>.
    /// </summary>
    public async Task<CalendarSnapshot> ForDayAsync(ClinicTime clock, DateOnly date, IReadOnlyList<UtcSpan> patientBusy, int? ignoreBookingId, CancellationToken ct)
    {
        var day = date.DayOfWeek;
        var opening = await db.OpeningHours.AsNoTracking().Where(h => h.Day == day)
            .Select(h => new { h.IsOpen, h.Opens, h.Closes, Closed = db.ClosedDays.Where(d => d.Date == date).Select(d => d.Reason).FirstOrDefault() })
            .FirstOrDefaultAsync(ct);
        var clinicians = await Clinicians.Bookable(db).AsNoTracking().Select(u => new
        {
            u.Id,
            HoursStart = db.ClinicianHours.Where(h => h.ClinicianId == u.Id && h.Day == day).Select(h => (TimeOnly?)h.Start).FirstOrDefault(),
            HoursEnd = db.ClinicianHours.Where(h => h.ClinicianId == u.Id && h.Day == day).Select(h => (TimeOnly?)h.End).FirstOrDefault(),
            OffFrom = db.TimeOff.Where(t => t.ClinicianId == u.Id && t.From <= date && t.To >= date).Select(t => (DateOnly?)t.From).FirstOrDefault(),
            OffTo = db.TimeOff.Where(t => t.ClinicianId == u.Id && t.From <= date && t.To >= date).Select(t => (DateOnly?)t.To).FirstOrDefault(),
        }).ToListAsync(ct);
        var rooms = await db.Rooms.AsNoTracking().Where(r => r.IsActive).Select(r => r.Id).ToListAsync(ct);
        var fromUtc = clock.StartOfDayUtc(date);
        var busy = await BusyBetweenAsync(fromUtc, clock.StartOfDayUtc(date.AddDays(1)), ignoreBookingId, ct);

        var closed = opening?.Closed is { } reason ? new Dictionary<DateOnly, string> { [date] = reason } : [];
        return new CalendarSnapshot(
            clock.Zone,
            opening is { IsOpen: true } ? [new DayHours(day, opening.Opens, opening.Closes)] : [],
            closed.Keys.ToHashSet(),
            clinicians.Select(c => new ClinicianCalendar(
                c.Id,
                c.HoursStart is { } start && c.HoursEnd is { } end ? [new DayHours(day, start, end)] : [],
                c.OffFrom is { } offFrom && c.OffTo is { } offTo ? [new DateSpan(offFrom, offTo)] : [],
                busy.Where(b => b.ClinicianId == c.Id).Select(b => b.Span).ToList())).ToList(),
            rooms.Select(id => new RoomCalendar(id, busy.Where(b => b.RoomId == id).Select(b => b.Span).ToList())).ToList(),
            patientBusy)
        {
            NowUtc = time.GetUtcNow().UtcDateTime,
            ClosedDayReasons = closed,
        };
    }

    /// <summary>
    /// The clinic-local days [<paramref name="from"/>, <paramref name="to"/>) (seven commands, five when the clinicians and rooms are known): opening hours, closed days,
    /// bookable clinicians, their hours, their time off, active rooms and the live bookings. The patient's busy time is
    /// taken from those bookings.
    /// </summary>
    /// <param name="known">The bookable clinicians and active rooms, when the caller has just read them (the calendar lists them by name).</param>
    public async Task<CalendarSnapshot> ForRangeAsync(
        ClinicTime clock, DateOnly from, DateOnly to, int? patientId, CancellationToken ct, (IReadOnlyList<string> Clinicians, IReadOnlyList<int> Rooms)? known = null)
    {
        var opening = await db.OpeningHours.AsNoTracking().Where(h => h.IsOpen).Select(h => new DayHours(h.Day, h.Opens, h.Closes)).ToListAsync(ct);
        var closed = await db.ClosedDays.AsNoTracking().Where(d => d.Date >= from && d.Date < to).ToDictionaryAsync(d => d.Date, d => d.Reason, ct);
        var clinicians = known?.Clinicians ?? await Clinicians.Bookable(db).Select(u => u.Id).ToListAsync(ct);
        var hours = await db.ClinicianHours.AsNoTracking().Select(h => new { h.ClinicianId, Hours = new DayHours(h.Day, h.Start, h.End) }).ToListAsync(ct);
        var off = await db.TimeOff.AsNoTracking().Where(t => t.To >= from && t.From < to).Select(t => new { t.ClinicianId, Span = new DateSpan(t.From, t.To) }).ToListAsync(ct);
        var rooms = known?.Rooms ?? await db.Rooms.AsNoTracking().Where(r => r.IsActive).OrderBy(r => r.Id).Select(r => r.Id).ToListAsync(ct);
        var busy = await BusyBetweenAsync(clock.StartOfDayUtc(from), clock.StartOfDayUtc(to), ignoreBookingId: null, ct);

        return new CalendarSnapshot(
            clock.Zone,
            opening,
            closed.Keys.ToHashSet(),
            clinicians.Select(id => new ClinicianCalendar(
                id,
                hours.Where(h => h.ClinicianId == id).Select(h => h.Hours).ToList(),
                off.Where(t => t.ClinicianId == id).Select(t => t.Span).ToList(),
                busy.Where(b => b.ClinicianId == id).Select(b => b.Span).ToList())).ToList(),
            rooms.Select(id => new RoomCalendar(id, busy.Where(b => b.RoomId == id).Select(b => b.Span).ToList())).ToList(),
            patientId is { } patient ? busy.Where(b => b.PatientId == patient).Select(b => b.Span).ToList() : [])
        {
            NowUtc = time.GetUtcNow().UtcDateTime,
            ClosedDayReasons = closed,
        };
    }

    /// <summary>Live bookings that overlap [fromUtc, toUtc); bounded by the longest appointment so it is an index range on StartUtc.</summary>
    private async Task<List<BusyBooking>> BusyBetweenAsync(DateTime fromUtc, DateTime toUtc, int? ignoreBookingId, CancellationToken ct)
    {
        var lookBack = fromUtc - BookingRules.LongestAppointment;
        return await db.Bookings.AsNoTracking().Where(Booking.IsLive)
            .Where(b => b.StartUtc > lookBack && b.StartUtc < toUtc && b.EndUtc > fromUtc && b.Id != ignoreBookingId)
            .OrderBy(b => b.StartUtc)
            .Select(b => new BusyBooking(b.Id, b.ClinicianId, b.RoomId, b.PatientId, b.StartUtc, b.EndUtc))
            .ToListAsync(ct);
    }
}
