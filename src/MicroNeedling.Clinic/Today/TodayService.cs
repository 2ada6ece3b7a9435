using MicroNeedling.Clinic.Bookings;
using MicroNeedling.Clinic.Calendar;
using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.Consent;
using MicroNeedling.Clinic.Data;
using MicroNeedling.Clinic.Patients;
using MicroNeedling.Clinic.Settings;
using MicroNeedling.Clinic.Sittings;
using MicroNeedling.Clinic.Staff;
using MicroNeedling.Clinic.Waitlist;
using Microsoft.EntityFrameworkCore;

namespace MicroNeedling.Clinic.Today;

/// <summary>
/// The start pages' day: a clinician's own sittings with what is due before each, the reviews waiting and the next free
/// gap (<see cref="ClinicianDayAsync"/>); front desk's arrivals, late patients and cancellations with the waitlist's
/// candidates (<see cref="FrontDeskDayAsync"/>).
/// </summary>
/// <remarks>
/// <para>The number of SQL commands is fixed whatever the number of sittings: the settings, the day's bookings, today's
/// screenings, the consents (<see cref="ConsentGate.ForCoursesAsync"/>), the photos, the open side effects, and for a
/// clinician the restricted records (<see cref="PatientAccess.HiddenAmongAsync"/>), the review list and the one-day
/// calendar snapshot. Front desk's candidates ask the waitlist (<see cref="WaitlistService.CandidatesAsync"/>, the
/// booking's own final check per waiting course) for at most <see cref="CandidateSlotsShown"/> freed slots, and only when
/// someone is waiting.</para>
/// <para>What front desk is given is operational only: statuses, "re-screen at check-in", "consent to sign" and "on hold"
/// without the side effect (ADR 0007). Side effects are read as kind and severity only, to apply the hold rule.</para>
/// </remarks>
public sealed class TodayService(
    ClinicDbContext db,
    ClinicSettingsService settings,
    ConsentGate consents,
    PatientAccess access,
    SideEffectService sideEffects,
    CalendarSnapshotLoader snapshots,
    WaitlistService waitlist,
    ICurrentUser user,
    TimeProvider time)
{
    /// <summary>The soonest freed slots of today whose waitlist candidates the front desk page lists; the others link to the slot's page.</summary>
    public const int CandidateSlotsShown = 3;

    private sealed record Row(
        int Id, int PatientId, string PatientName, int PlanId, int SittingNumber, int SittingCount, DateTime StartUtc, DateTime NeedlingStartUtc,
        DateTime EndUtc, string ClinicianId, string ClinicianName, int RoomId, string RoomName, BookingStatus Status);

    private sealed record Day(ClinicSettings Clinic, ClinicTime Clock, DateOnly Date, DateTime NowUtc);

    public async Task<ClinicianDay> ClinicianDayAsync(string clinicianId, CancellationToken ct = default)
    {
        var day = await DayAsync(ct);
        var rows = await RowsAsync(day, clinicianId, ct);
        var hidden = user.IsInRole(Roles.Clinician)
            ? await access.HiddenAmongAsync(rows.Select(r => r.PatientId).Distinct().ToList(), ct)
            : rows.Select(r => r.PatientId).ToHashSet();
        var sittings = await SittingsAsync(day, rows, hidden, ct);

        // Reviews are any clinician's to record (there is no review per clinician): all of them, less the records this
        // clinician may not see, as on the "Needs review" list.
        var reviews = await sideEffects.NeedsReviewAsync(ct);
        var hiddenReviews = await access.HiddenAmongAsync(reviews.Select(r => r.PatientId).Distinct().ToList(), ct);
        var visibleReviews = reviews.Where(r => !hiddenReviews.Contains(r.PatientId)).ToList();

        var length = TimeSpan.FromMinutes(day.Clinic.NumbingLeadMinutes + day.Clinic.MinutesPerSitting + day.Clinic.TurnoverMinutes);
        var snapshot = await snapshots.ForDayAsync(day.Clock, day.Date, [], ignoreBookingId: null, ct);
        var policy = new SlotPolicy(snapshot);
        var hours = policy.WorkingHoursOn(clinicianId, day.Date);
        return new ClinicianDay(
            day.Date,
            day.Clock.ToLocal(day.NowUtc),
            sittings,
            visibleReviews,
            hours is null ? null : (hours.Start, hours.End),
            hours is null ? null : NextGap(policy, clinicianId, day.Date, hours, length),
            (int)length.TotalMinutes);
    }

    public async Task<FrontDeskDay> FrontDeskDayAsync(CancellationToken ct = default)
    {
        var day = await DayAsync(ct);
        var rows = await RowsAsync(day, clinicianId: null, ct);
        var sittings = await SittingsAsync(day, rows, hidden: new HashSet<int>(), ct);
        var waiting = await db.WaitlistEntries.CountAsync(WaitlistEntry.Open, ct);

        var cancellations = new List<TodayCancellation>();
        var candidateSlots = 0;
        foreach (var (sitting, row) in sittings.Zip(rows).Where(s => s.First.Status == BookingStatus.Cancelled))
        {
            // The slot a cancelled booking gave up is its own time, clinician and room (WaitlistService.FreedSlotAsync).
            var local = day.Clock.ToLocal(row.StartUtc);
            var slot = new FreedSlot(row.Id, DateOnly.FromDateTime(local), TimeOnly.FromDateTime(local), row.StartUtc, row.ClinicianId, row.ClinicianName, row.RoomId, row.RoomName);
            var ahead = row.StartUtc > day.NowUtc;
            IReadOnlyList<WaitlistCandidate> candidates = [];
            var checkedSlot = ahead && waiting > 0 && candidateSlots < CandidateSlotsShown;
            if (checkedSlot)
            {
                candidates = await waitlist.CandidatesAsync(slot, ct);
                candidateSlots++;
            }

            cancellations.Add(new TodayCancellation(sitting, slot, ahead, candidates, checkedSlot));
        }

        return new FrontDeskDay(
            day.Date,
            day.Clock.ToLocal(day.NowUtc),
            sittings.Where(s => s.Status != BookingStatus.Cancelled).ToList(),
            cancellations,
            waiting,
            day.Clinic.NoShowGraceMinutes);
    }

    /// <summary>
    /// The first grid start, from now on, at which a whole appointment with this clinician is bookable (the slot policy
    /// decides: hours, time off, their bookings with numbing and turnover, a free room), and how long they stay free from
    /// there, in the policy's grid steps.
    /// </summary>
    public static FreeGap? NextGap(SlotPolicy policy, string clinicianId, DateOnly date, DayHours hours, TimeSpan length)
    {
        var step = policy.Snapshot.SlotMinutes;
        var first = Minutes(hours.Start);
        var last = hours.End == TimeOnly.MinValue ? 24 * 60 : Minutes(hours.End);
        var whole = (int)length.TotalMinutes;
        first += (step - (first % step)) % step;
        for (var start = first; start + whole <= last; start += step)
        {
            if (!policy.IsBookable(new SlotRequest(date, At(start), length, clinicianId, null), out _, out _, out _))
            {
                continue;
            }

            var until = start;
            while (until + step <= last && policy.IsBookable(new SlotRequest(date, At(until), TimeSpan.FromMinutes(step), clinicianId, null), out _, out _, out _))
            {
                until += step;
            }

            return new FreeGap(At(start), until >= 24 * 60 ? TimeOnly.MaxValue : At(until));
        }

        return null;
    }

    private static int Minutes(TimeOnly t) => (t.Hour * 60) + t.Minute;

    private static TimeOnly At(int minutes) => new(minutes / 60 % 24, minutes % 60);

    private async Task<Day> DayAsync(CancellationToken ct)
    {
        var clinic = await settings.GetAsync(ct);
        var clock = ClinicTime.For(clinic.TimeZoneId);
        return new Day(clinic, clock, clock.Today(time), time.GetUtcNow().UtcDateTime);
    }

    /// <summary>The day's bookings (every status), in start order, in one command.</summary>
    private async Task<List<Row>> RowsAsync(Day day, string? clinicianId, CancellationToken ct)
    {
        var fromUtc = day.Clock.StartOfDayUtc(day.Date);
        var toUtc = day.Clock.StartOfDayUtc(day.Date.AddDays(1));
        var bookings = db.Bookings.AsNoTracking().Where(b => b.StartUtc >= fromUtc && b.StartUtc < toUtc);
        if (clinicianId is not null)
        {
            bookings = bookings.Where(b => b.ClinicianId == clinicianId);
        }

        return await bookings
            .OrderBy(b => b.StartUtc).ThenBy(b => b.Id)
            .Select(b => new Row(
                b.Id,
                b.PatientId,
                db.Patients.Where(p => p.Id == b.PatientId).Select(p => p.FirstName + " " + p.LastName).First(),
                b.Sitting!.CoursePlanId,
                b.Sitting.Number,
                db.CoursePlans.Where(p => p.Id == b.Sitting.CoursePlanId).Select(p => p.SittingCount).First(),
                b.StartUtc,
                b.NeedlingStartUtc,
                b.EndUtc,
                b.ClinicianId,
                db.Users.Where(u => u.Id == b.ClinicianId).Select(u => u.DisplayName).FirstOrDefault() ?? "",
                b.RoomId,
                b.Room!.Name,
                b.Status))
            .ToListAsync(ct);
    }

    /// <summary>Each row with its stage and what is due, in four more commands whatever the number of rows.</summary>
    private async Task<IReadOnlyList<TodaySitting>> SittingsAsync(Day day, List<Row> rows, IReadOnlySet<int> hidden, CancellationToken ct)
    {
        if (rows.Count == 0)
        {
            return [];
        }

        var patientIds = rows.Select(r => r.PatientId).Distinct().ToList();
        var bookingIds = rows.Select(r => r.Id).ToList();
        var today = day.Date;

        // The rule of SittingGuard.StartRefusalAsync: a screening recorded today (at this check-in or earlier today) counts.
        var screenedToday = (await db.Screenings.AsNoTracking().Where(s => patientIds.Contains(s.PatientId) && s.ScreenedOn == today)
            .Select(s => s.PatientId).Distinct().ToListAsync(ct)).ToHashSet();
        var consent = await consents.ForCoursesAsync(rows.Where(r => r.Status is BookingStatus.Booked or BookingStatus.CheckedIn).Select(r => r.PlanId).ToList(), ct);
        var photographed = (await db.SittingPhotos.AsNoTracking().Where(p => bookingIds.Contains(p.BookingId))
            .Select(p => p.BookingId).Distinct().ToListAsync(ct)).ToHashSet();

        // Kind and severity only: enough for the hold rule, and nothing clinical is read for a front-desk page.
        var held = (await db.SideEffects.AsNoTracking().Where(e => patientIds.Contains(e.PatientId) && e.ReviewedAtUtc == null)
                .Select(e => new SideEffect { PatientId = e.PatientId, Kind = e.Kind, Severity = e.Severity, ReviewedAtUtc = e.ReviewedAtUtc })
                .ToListAsync(ct))
            .Where(HoldRules.Holds).Select(e => e.PatientId).ToHashSet();

        var grace = day.Clinic.NoShowGraceMinutes;
        return rows.Select(r =>
        {
            var open = r.Status is BookingStatus.Booked or BookingStatus.CheckedIn;
            var courseConsent = consent.GetValueOrDefault(r.PlanId);
            var noShowFrom = r.StartUtc.AddMinutes(grace);
            return new TodaySitting(
                r.Id, r.PatientId, r.PatientName, r.PlanId, r.SittingNumber, r.SittingCount,
                day.Clock.ToLocal(r.StartUtc), day.Clock.ToLocal(r.NeedlingStartUtc), day.Clock.ToLocal(r.EndUtc),
                r.ClinicianId, r.ClinicianName, r.RoomName, r.Status, StageOf(r, screenedToday.Contains(r.PatientId), day.NowUtc))
            {
                MayMarkNoShow = r.Status == BookingStatus.Booked && day.NowUtc >= noShowFrom,
                LocalNoShowFrom = day.Clock.ToLocal(noShowFrom),
                ReScreenDue = open && !screenedToday.Contains(r.PatientId),
                ConsentToSign = open && courseConsent is { AllowsTreatment: false },
                PhotosToTake = open && courseConsent is { AllowsPhotos: true } && !photographed.Contains(r.Id),
                OnHold = open && held.Contains(r.PatientId),
                RecordHidden = hidden.Contains(r.PatientId),
            };
        }).ToList();
    }

    private static SittingStage StageOf(Row row, bool screenedToday, DateTime nowUtc) => row.Status switch
    {
        BookingStatus.Booked => nowUtc > row.StartUtc ? SittingStage.Late : SittingStage.Due,
        BookingStatus.CheckedIn when !screenedToday => SittingStage.Arrived,
        BookingStatus.CheckedIn => nowUtc >= row.StartUtc && nowUtc < row.NeedlingStartUtc ? SittingStage.Numbing : SittingStage.ReScreened,
        BookingStatus.Completed => SittingStage.Completed,
        BookingStatus.NoShow => SittingStage.NoShow,
        BookingStatus.Cancelled => SittingStage.Cancelled,
        _ => SittingStage.NotPerformed,
    };
}
