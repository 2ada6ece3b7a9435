using System.ComponentModel.DataAnnotations;
using MicroNeedling.Clinic.Bookings;
using MicroNeedling.Clinic.Sittings;
using MicroNeedling.Clinic.Waitlist;

namespace MicroNeedling.Clinic.Today;

/// <summary>
/// Where a sitting of today stands. The app records the check-in, today's screening (the re-screen at check-in) and the
/// chart, which completes the sitting. The numbing cream's times are written only into the chart, so a checked-in sitting
/// is "arrived" or "arrived, re-screened" until it is charted: no stage says the numbing has started.
/// </summary>
public enum SittingStage
{
    [Display(Name = "Due")] Due = 0,
    [Display(Name = "Late")] Late = 1,
    [Display(Name = "Arrived")] Arrived = 2,
    [Display(Name = "Arrived, re-screened")] ReScreened = 3,
    [Display(Name = "Completed")] Completed = 4,
    [Display(Name = "No-show")] NoShow = 5,
    [Display(Name = "Cancelled")] Cancelled = 6,
    [Display(Name = "Not performed")] NotPerformed = 7,

    /// <summary>
    /// Arrived and re-screened, inside the numbing lead of the plan: the cream went on at the start and the needling is due at
    /// <see cref="TodaySitting.LocalNeedlingStart"/>. Worked out from the clock and the booking's times (the numbing
    /// itself is recorded in the chart when the sitting completes).
    /// </summary>
    [Display(Name = "Numbing")] Numbing = 8,
}

/// <summary>
/// One sitting of today, in clinic-local time, with what is due before it. Every flag is operational (front desk may read
/// it): no screening answer, no side-effect detail; <see cref="OnHold"/> says only that a clinician must see the patient.
/// </summary>
public sealed record TodaySitting(
    int BookingId,
    int PatientId,
    string PatientName,
    int PlanId,
    int SittingNumber,
    int SittingCount,
    DateTime LocalStart,
    DateTime LocalNeedlingStart,
    DateTime LocalEnd,
    string ClinicianId,
    string ClinicianName,
    string RoomName,
    BookingStatus Status,
    SittingStage Stage)
{
    /// <summary>The start has passed and the patient is not checked in (nor marked a no-show).</summary>
    public bool IsLate => Stage == SittingStage.Late;

    /// <summary>The no-show grace period has run out: the sitting may be marked a no-show.</summary>
    public bool MayMarkNoShow { get; init; }

    /// <summary>When the sitting may be marked a no-show, clinic-local.</summary>
    public DateTime LocalNoShowFrom { get; init; }

    /// <summary>Not screened today: the clinician re-screens the patient at check-in (a patient is treated only on a screening valid that day).</summary>
    public bool ReScreenDue { get; init; }

    /// <summary>The course has no consent that lets the sitting start: it is signed at the visit, before the needling.</summary>
    public bool ConsentToSign { get; init; }

    /// <summary>The consent allows photos and none was taken at this sitting yet.</summary>
    public bool PhotosToTake { get; init; }

    /// <summary>An unreviewed severe side effect holds the patient: a clinician must record a review first.</summary>
    public bool OnHold { get; init; }

    /// <summary>The record is restricted to another clinician: the current user may not open its clinical pages.</summary>
    public bool RecordHidden { get; init; }

    /// <summary>Still to happen or happening: booked or checked in.</summary>
    public bool IsOpen => Status is BookingStatus.Booked or BookingStatus.CheckedIn;

    /// <summary>Anything due before the needling (for a sitting that is still open).</summary>
    public bool HasSomethingDue => IsOpen && (ReScreenDue || ConsentToSign || PhotosToTake || OnHold);
}

/// <summary>The first free stretch left in a clinician's day where a whole appointment (numbing, needling, turnover) fits.</summary>
public sealed record FreeGap(TimeOnly From, TimeOnly Until);

/// <summary>A clinician's day: their sittings in start order, the reviews waiting, and the next free gap.</summary>
/// <param name="WorkingHours">The clinician's hours today, or null when they do not work today.</param>
/// <param name="NextGap">The next free gap, or null when the rest of the day is full (or they do not work today).</param>
public sealed record ClinicianDay(
    DateOnly Date,
    DateTime LocalNow,
    IReadOnlyList<TodaySitting> Sittings,
    IReadOnlyList<ReviewItem> Reviews,
    (TimeOnly Start, TimeOnly End)? WorkingHours,
    FreeGap? NextGap,
    int AppointmentMinutes);

/// <summary>A booking of today that was cancelled, the slot it gave up, and who on the waitlist can take it.</summary>
/// <param name="SlotAhead">The slot is still in the future, so it can be filled.</param>
/// <param name="Candidates">The waitlist's candidates, best first (empty when the slot has passed or nobody waits).</param>
/// <param name="CandidatesChecked">The waitlist was asked for this slot (see <see cref="TodayService.CandidateSlotsShown"/>).</param>
public sealed record TodayCancellation(TodaySitting Sitting, FreedSlot Slot, bool SlotAhead, IReadOnlyList<WaitlistCandidate> Candidates, bool CandidatesChecked);

/// <summary>Front desk's day: arrivals in start order (all clinicians), who is late, and today's cancellations.</summary>
/// <param name="WaitingCount">How many courses are on the waitlist.</param>
public sealed record FrontDeskDay(
    DateOnly Date,
    DateTime LocalNow,
    IReadOnlyList<TodaySitting> Arrivals,
    IReadOnlyList<TodayCancellation> Cancellations,
    int WaitingCount,
    int NoShowGraceMinutes)
{
    public IReadOnlyList<TodaySitting> Late => Arrivals.Where(a => a.IsLate).ToList();

    /// <summary>Still to check in and something to do first (re-screen or consent), or on hold.</summary>
    public IReadOnlyList<TodaySitting> NeedSomethingFirst =>
        Arrivals.Where(a => a.Status == BookingStatus.Booked && (a.ReScreenDue || a.ConsentToSign || a.OnHold)).ToList();
}
