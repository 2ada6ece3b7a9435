using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.Data;
using MicroNeedling.Clinic.Plans;
using MicroNeedling.Clinic.Screening;
using MicroNeedling.Clinic.Sittings;
using Microsoft.EntityFrameworkCore;

namespace MicroNeedling.Clinic.Bookings;

/// <summary>
/// The booking rule (ADR 0017): a sitting may be booked, moved or checked in on a course plan made on a screening that
/// allowed treatment, while the course is active, not on hold, with no hard-stop finding recorded since the plan's
/// screening, no clearance awaited and no consent withdrawn, for a patient of the clinic's minimum age. It does not ask for a screening valid on
/// the sitting's date: clinics book courses months ahead, and the check-in re-screen is the screening treatment needs.
/// </summary>
public static class BookingEligibility
{
    /// <summary>Why no sitting of the course may be booked now, or null. Worded for front desk: no clinical detail.</summary>
    public static string? Refusal(CourseFacts course, DateOnly sittingDate, int minimumAge)
    {
        if (course.Status == PlanStatus.Cancelled)
        {
            return "The course is cancelled.";
        }

        if (course.Status == PlanStatus.Completed)
        {
            return "The course is completed.";
        }

        if (!course.PlanScreeningAllowedTreatment)
        {
            return "The course was not planned on a screening that allowed treatment. A clinician must review the course.";
        }

        if (course.HardStopSincePlan)
        {
            return "A screening since the course was planned found the patient not suitable. A clinician must review the patient and plan a new course.";
        }

        if (course.LatestAwaitsClearance)
        {
            return "The patient's latest screening needs a doctor's clearance, which has not been recorded. A clinician must record it first.";
        }

        if (course.IsOnHold)
        {
            return "The course is on hold until a clinician reviews a reported side effect.";
        }

        // Booking before consent is fine (it is signed at the first visit); booking after the patient withdrew it is not.
        if (course.ConsentWithdrawn)
        {
            return "The patient withdrew consent for this course. A clinician must present a new consent before more sittings are booked.";
        }

        return Age.YearsOn(course.DateOfBirth, sittingDate) < minimumAge
            ? $"The patient is under the clinic's minimum age of {minimumAge} on {sittingDate:d MMM yyyy}."
            : null;
    }

    /// <summary>
    /// Whether the screening will need renewing by a sitting's date: the check-in re-screen then renews it, and if it finds
    /// a contraindication the sitting does not go ahead. Shown as "re-screen at check-in" so nobody is surprised on the day.
    /// </summary>
    public static bool NeedsReScreenBy(DateOnly? lastValidDay, DateOnly sittingDate) => lastValidDay is not { } last || sittingDate > last;
}
