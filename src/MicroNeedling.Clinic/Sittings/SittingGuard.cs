using MicroNeedling.Clinic.Bookings;
using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.Data;
using MicroNeedling.Clinic.Plans;
using MicroNeedling.Clinic.Screening;
using MicroNeedling.Clinic.Settings;
using Microsoft.EntityFrameworkCore;

namespace MicroNeedling.Clinic.Sittings;

/// <summary>
/// The safety guards of the sitting day, in one place so that every entry point (check-in, booking, charting) asks the
/// same questions: is the course active and not on hold, does today's screening allow treatment, and is the course's
/// consent signed (<see cref="Consent.ConsentGate"/>).
/// </summary>
public sealed class SittingGuard(ClinicDbContext db, ClinicSettingsService settings, ScreeningService screenings, Consent.ConsentGate consents, TimeProvider time)
{
    /// <summary>Why the course cannot take a new booking or check-in now, or null.</summary>
    public async Task<string?> CourseRefusalAsync(int planId, CancellationToken ct = default)
    {
        var plan = await db.CoursePlans.AsNoTracking().SingleAsync(p => p.Id == planId, ct);
        if (plan.Status == PlanStatus.Cancelled)
        {
            return "The course is cancelled.";
        }

        if (plan.Status == PlanStatus.Completed)
        {
            return "The course is completed.";
        }

        // Worded without the side effect itself: front desk reads this too, and side-effect details are clinical.
        var hold = await HoldAsync(plan.PatientId, ct);
        return hold.IsOnHold ? "The course is on hold after a severe side effect; a clinician must record a review before the next sitting." : null;
    }

    /// <summary>
    /// The patient's hold: an unreviewed severe side effect holds the patient, whichever course it followed, so that
    /// cancelling a course and planning a new one cannot step around it.
    /// </summary>
    public async Task<CourseHold> HoldAsync(int patientId, CancellationToken ct = default)
    {
        var clinic = await settings.GetAsync(ct);
        var today = ClinicTime.For(clinic.TimeZoneId).Today(time);
        var open = await db.SideEffects.AsNoTracking().Where(e => e.PatientId == patientId && e.ReviewedAtUtc == null).ToListAsync(ct);
        return HoldRules.For(open, today, clinic.ExpectedEffectReviewDays);
    }

    /// <summary>
    /// Why the needling of a checked-in sitting cannot start now, or null: it must be checked in, re-screened today at this
    /// check-in, the latest screening must allow treatment today (a new pregnancy or radiation needs its clearance first),
    /// the course must be active and not on hold, and the patient must have signed the course's consent on the current
    /// safety content.
    /// </summary>
    public async Task<string?> StartRefusalAsync(Booking booking, CancellationToken ct = default)
    {
        if (booking.Status != BookingStatus.CheckedIn)
        {
            return $"The sitting is {FlagsList.DisplayName(booking.Status).ToLowerInvariant()}; only a checked-in sitting can be started.";
        }

        var plan = await db.PlannedSittings.AsNoTracking().Where(s => s.Id == booking.PlannedSittingId).Select(s => s.CoursePlanId).SingleAsync(ct);
        var course = await CourseRefusalAsync(plan, ct);
        if (course is not null)
        {
            return course;
        }

        var clinic = await settings.GetAsync(ct);
        var today = ClinicTime.For(clinic.TimeZoneId).Today(time);
        // Today's screening, whether the re-screen at this check-in or one recorded earlier today: the patient is not asked
        // the same six questions twice in a morning (ADR 0017).
        if (!await db.Screenings.AnyAsync(s => s.PatientId == booking.PatientId && s.ScreenedOn == today, ct))
        {
            return "A clinician must re-screen the patient today, at this check-in, before the needling.";
        }

        var status = await screenings.StatusOnAsync(booking.PatientId, today, ct);
        if (!status.AllowsTreatment)
        {
            return $"The patient cannot be treated today: {status.Summary}";
        }

        // Last, because it is signed at this first visit, after the re-screen: no needle without it (ADR 0020).
        return await consents.TreatmentRefusalAsync(plan, ct);
    }
}
