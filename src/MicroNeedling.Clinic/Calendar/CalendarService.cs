using MicroNeedling.Clinic.Bookings;
using MicroNeedling.Clinic.ClinicSetup;
using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.Data;
using MicroNeedling.Clinic.Settings;
using Microsoft.EntityFrameworkCore;

namespace MicroNeedling.Clinic.Calendar;

/// <summary>
/// Reads what the calendar shows. The number of SQL commands is fixed (settings, opening hours, closed days,
/// clinicians, rooms, bookings), whatever the number of bookings, and the bookings query is bounded by the visible
/// window on the StartUtc index.
/// </summary>
public sealed class CalendarService(ClinicDbContext db, ClinicSettingsService settings, CalendarSnapshotLoader snapshots, Consent.ConsentGate consents)
{
    // The calendar is the busiest page: its queries are compiled once, so a request skips building and translating
    // the LINQ expressions (about a tenth of a week view's time, docs/performance.md).
    private static readonly Func<ClinicDbContext, DateTime, DateTime, string?, int?, IAsyncEnumerable<BookingRow>> BookingsQuery =
        EF.CompileAsyncQuery((ClinicDbContext db, DateTime fromUtc, DateTime toUtc, string? clinicianId, int? roomId) => db.Bookings.AsNoTracking()
            .Where(b => b.StartUtc >= fromUtc && b.StartUtc < toUtc && b.Status != BookingStatus.Cancelled)
            .Where(b => clinicianId == null || b.ClinicianId == clinicianId)
            .Where(b => roomId == null || b.RoomId == roomId)
            .OrderBy(b => b.StartUtc)
            .Select(b => new BookingRow(
                b.Id,
                b.StartUtc,
                b.NeedlingStartUtc,
                b.EndUtc,
                b.Status,
                b.ClinicianId,
                b.RoomId,
                b.Room!.Name,
                b.PatientId,
                db.Patients.Where(p => p.Id == b.PatientId).Select(p => p.FirstName + " " + p.LastName).First(),
                b.Sitting!.Number,
                db.CoursePlans.Where(p => p.Id == b.Sitting.CoursePlanId).Select(p => p.SittingCount).First(),
                b.Sitting.CoursePlanId)));

    private static readonly Func<ClinicDbContext, List<int>, IAsyncEnumerable<Sittings.SideEffect>> OpenSideEffectsQuery =
        EF.CompileAsyncQuery((ClinicDbContext db, List<int> patientIds) =>
            db.SideEffects.AsNoTracking().Where(e => patientIds.Contains(e.PatientId) && e.ReviewedAtUtc == null));

    // Each patient's latest screening (by when it was recorded), to flag sittings it will no longer cover. Asked for
    // per patient, newest first on the (PatientId, CreatedAtUtc) index, so each is one short index read. "A screening
    // with no newer one" read every screening of the patients on screen and, on PostgreSQL at a million sittings
    // (about 1,250 screenings for a day's 49 patients), was planned in parallel: 6 ms of work behind 40-90 ms of
    // starting the workers, on every day calendar (docs/performance.md).
    private static readonly Func<ClinicDbContext, List<int>, IAsyncEnumerable<LatestScreening>> LatestScreeningsQuery =
        EF.CompileAsyncQuery((ClinicDbContext db, List<int> patientIds) =>
            db.Patients.AsNoTracking()
                .Where(p => patientIds.Contains(p.Id))
                .Select(p => new LatestScreening(
                    p.Id,
                    db.Screenings.Where(s => s.PatientId == p.Id).OrderByDescending(s => s.CreatedAtUtc).ThenByDescending(s => s.Id)
                        .Select(s => (DateOnly?)s.ScreenedOn).FirstOrDefault(),
                    db.Screenings.Where(s => s.PatientId == p.Id).OrderByDescending(s => s.CreatedAtUtc).ThenByDescending(s => s.Id)
                        .Select(s => s.ValidityDays).FirstOrDefault())));

    private sealed record LatestScreening(int PatientId, DateOnly? ScreenedOn, int ValidityDays);

    private sealed record BookingRow(
        int Id, DateTime StartUtc, DateTime NeedlingStartUtc, DateTime EndUtc, BookingStatus Status, string ClinicianId, int RoomId,
        string RoomName, int PatientId, string PatientName, int SittingNumber, int SittingCount, int PlanId);

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

        var clinicians = await Clinicians.ListAsync(db, ct);
        var rooms = await RoomList.ListAsync(db, ct);
        // The same snapshot and policy the booking's final check uses, so a slot shown as bookable is bookable.
        var snapshot = await snapshots.ForRangeAsync(clinicTime, from, to, patientId: null, ct,
            (clinicians.Select(c => c.Id).ToList(), rooms.Where(r => r.IsActive).OrderBy(r => r.Id).Select(r => r.Id).ToList()));
        var slots = new SlotPolicy(snapshot);
        var calendarDays = Enumerable.Range(0, days).Select(i =>
        {
            var date = from.AddDays(i);
            var hours = slots.OpeningOn(date);
            return new CalendarDay(date, hours is not null, hours?.Start ?? new TimeOnly(9, 0), hours?.End ?? new TimeOnly(18, 0), snapshot.ClosedDayReasons.GetValueOrDefault(date));
        }).ToList();

        if (firstClinicianWhenNoneChosen && string.IsNullOrEmpty(clinicianId) && roomId is null)
        {
            clinicianId = clinicians.Count > 0 ? clinicians[0].Id : null;
        }

        // A null clinician or room means "all": EF writes one SQL text per combination of null parameters, so each
        // keeps its index-friendly WHERE.
        var rows = await BookingsQuery(db, fromUtc, toUtc, string.IsNullOrEmpty(clinicianId) ? null : clinicianId, roomId).ToListAsync(ct);

        // One more query, whatever the number of bookings: the open side effects of the patients on screen.
        var patientIds = rows.Select(r => r.PatientId).Distinct().ToList();
        var openEffects = await OpenSideEffectsQuery(db, patientIds).ToListAsync(ct);
        var held = openEffects.Where(Sittings.HoldRules.Holds).Select(e => e.PatientId).ToHashSet();
        var screenedUntil = (await LatestScreeningsQuery(db, patientIds).ToListAsync(ct))
            .Where(s => s.ScreenedOn is not null)
            .ToDictionary(s => s.PatientId, s => s.ScreenedOn!.Value.AddDays(s.ValidityDays - 1));
        var consent = await consents.ForCoursesAsync(rows.Where(r => r.Status is BookingStatus.Booked or BookingStatus.CheckedIn).Select(r => r.PlanId).ToList(), ct);

        var entries = rows.Select(r => new CalendarEntry(
            r.Id, clinicTime.ToLocal(r.StartUtc), clinicTime.ToLocal(r.NeedlingStartUtc), clinicTime.ToLocal(r.EndUtc), r.Status,
            r.ClinicianId, r.RoomId, r.RoomName, r.PatientId, r.PatientName, r.SittingNumber, r.SittingCount)
        {
            CourseOnHold = held.Contains(r.PatientId),
            ReScreenAtCheckIn = r.Status == BookingStatus.Booked
                && BookingEligibility.NeedsReScreenBy(screenedUntil.TryGetValue(r.PatientId, out var until) ? until : null, clinicTime.LocalDate(r.StartUtc)),
            ConsentToSign = consent.TryGetValue(r.PlanId, out var c) && !c.AllowsTreatment,
        }).ToList();
        return new CalendarView(from, calendarDays, clinicians, rooms, entries)
        {
            ClinicianId = clinicianId,
            Slots = slots,
            DefaultAppointment = TimeSpan.FromMinutes(clinic.NumbingLeadMinutes + clinic.MinutesPerSitting + clinic.TurnoverMinutes),
        };
    }
}
