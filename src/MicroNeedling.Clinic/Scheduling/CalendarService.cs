using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.Data;
using MicroNeedling.Clinic.Settings;
using Microsoft.EntityFrameworkCore;

namespace MicroNeedling.Clinic.Scheduling;

/// <summary>One booking as the calendar shows it, in clinic-local time.</summary>
public sealed record CalendarEntry(
    int BookingId,
    DateTime LocalStart,
    DateTime LocalNeedlingStart,
    DateTime LocalEnd,
    BookingStatus Status,
    string ClinicianId,
    int RoomId,
    string RoomName,
    int PatientId,
    string PatientName,
    int SittingNumber,
    int SittingCount)
{
    /// <summary>The course is on hold after a severe side effect.</summary>
    public bool CourseOnHold { get; init; }
}

public sealed record RoomOption(int Id, string Name, bool IsActive);

public sealed record CalendarDay(DateOnly Date, bool IsOpen, TimeOnly Opens, TimeOnly Closes, string? ClosedReason);

public sealed record CalendarView(
    DateOnly From,
    IReadOnlyList<CalendarDay> Days,
    IReadOnlyList<ClinicianOption> Clinicians,
    IReadOnlyList<RoomOption> Rooms,
    IReadOnlyList<CalendarEntry> Entries)
{
    /// <summary>The clinician whose bookings were read, when the view is one clinician's (chosen, or the first).</summary>
    public string? ClinicianId { get; init; }
}

/// <summary>
/// Reads what the calendar shows. The number of SQL commands is fixed (settings, opening hours, closed days,
/// clinicians, rooms, bookings), whatever the number of bookings, and the bookings query is bounded by the visible
/// window on the StartUtc index.
/// </summary>
public sealed class CalendarService(ClinicDbContext db, ClinicSettingsService settings)
{
    /// <param name="firstClinicianWhenNoneChosen">
    /// For a one-person view (the week): with neither a clinician nor a room chosen, show the first clinician's bookings.
    /// Only the bookings on screen are read, so the week of one clinician costs as little as one day of the clinic.
    /// </param>
    public async Task<CalendarView> LoadAsync(
        DateOnly from, int days, string? clinicianId, int? roomId, bool firstClinicianWhenNoneChosen = false, CancellationToken ct = default)
    {
        var clinic = await settings.GetAsync(ct);
        var clinicTime = ClinicTime.For(clinic.TimeZoneId);
        var to = from.AddDays(days);
        var fromUtc = clinicTime.StartOfDayUtc(from);
        var toUtc = clinicTime.StartOfDayUtc(to);

        var hours = await db.OpeningHours.AsNoTracking().ToDictionaryAsync(h => h.Day, ct);
        var closed = await db.ClosedDays.AsNoTracking().Where(d => d.Date >= from && d.Date < to).ToDictionaryAsync(d => d.Date, d => d.Reason, ct);
        var calendarDays = Enumerable.Range(0, days).Select(i =>
        {
            var date = from.AddDays(i);
            var open = hours.TryGetValue(date.DayOfWeek, out var h) && h.IsOpen && !closed.ContainsKey(date);
            return new CalendarDay(date, open, h?.Opens ?? new TimeOnly(9, 0), h?.Closes ?? new TimeOnly(18, 0), closed.GetValueOrDefault(date));
        }).ToList();

        var clinicians = await Clinicians.ListAsync(db, ct);
        var rooms = await RoomList.ListAsync(db, ct);
        if (firstClinicianWhenNoneChosen && string.IsNullOrEmpty(clinicianId) && roomId is null)
        {
            clinicianId = clinicians.Count > 0 ? clinicians[0].Id : null;
        }

        var query = db.Bookings.AsNoTracking()
            .Where(b => b.StartUtc >= fromUtc && b.StartUtc < toUtc && b.Status != BookingStatus.Cancelled);
        if (!string.IsNullOrEmpty(clinicianId))
        {
            query = query.Where(b => b.ClinicianId == clinicianId);
        }

        if (roomId is not null)
        {
            query = query.Where(b => b.RoomId == roomId);
        }

        var rows = await query
            .OrderBy(b => b.StartUtc)
            .Select(b => new
            {
                b.Id,
                b.StartUtc,
                b.NeedlingStartUtc,
                b.EndUtc,
                b.Status,
                b.ClinicianId,
                b.RoomId,
                RoomName = b.Room!.Name,
                b.PatientId,
                Patient = db.Patients.Where(p => p.Id == b.PatientId).Select(p => p.FirstName + " " + p.LastName).First(),
                b.Sitting!.Number,
                Count = db.CoursePlans.Where(p => p.Id == b.Sitting.CoursePlanId).Select(p => p.SittingCount).First(),
            })
            .ToListAsync(ct);

        // One more query, whatever the number of bookings: the open side effects of the patients on screen.
        var patientIds = rows.Select(r => r.PatientId).Distinct().ToList();
        var openEffects = await db.SideEffects.AsNoTracking()
            .Where(e => patientIds.Contains(e.PatientId) && e.ReviewedAtUtc == null)
            .ToListAsync(ct);
        var held = openEffects.Where(Sittings.HoldRules.Holds).Select(e => e.PatientId).ToHashSet();

        var entries = rows.Select(r => new CalendarEntry(
            r.Id, clinicTime.ToLocal(r.StartUtc), clinicTime.ToLocal(r.NeedlingStartUtc), clinicTime.ToLocal(r.EndUtc), r.Status,
            r.ClinicianId, r.RoomId, r.RoomName, r.PatientId, r.Patient, r.Number, r.Count)
        {
            CourseOnHold = held.Contains(r.PatientId),
        }).ToList();
        return new CalendarView(from, calendarDays, clinicians, rooms, entries) { ClinicianId = clinicianId };
    }
}
