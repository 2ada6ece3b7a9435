using MicroNeedling.Clinic.Bookings;
using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.Data;
using MicroNeedling.Clinic.Plans;
using Microsoft.EntityFrameworkCore;

namespace MicroNeedling.Clinic.Sittings;

/// <summary>
/// May this sitting be charted now? One place, so the chart page (to show the refusal instead of the form) and
/// <see cref="ChartService"/> (inside its transaction) ask the same question.
/// </summary>
internal static class ChartGuard
{
    /// <summary>Why the sitting cannot be charted (or, with <paramref name="amending"/>, its chart amended); null when it may.</summary>
    public static async Task<string?> RefusalAsync(ClinicDbContext db, SittingGuard guard, Booking booking, bool amending, CancellationToken ct = default)
    {
        if (amending)
        {
            if (booking.Status != BookingStatus.Completed)
            {
                return "Only a completed sitting's chart can be amended.";
            }
        }
        else if (booking.Status == BookingStatus.Completed)
        {
            return "This sitting is already charted. Amend the chart to change it.";
        }
        else if (booking.Status != BookingStatus.CheckedIn)
        {
            return $"Only a checked-in sitting can be charted; this one is {FlagsList.DisplayName(booking.Status).ToLowerInvariant()}.";
        }

        var planId = await db.PlannedSittings.AsNoTracking().Where(s => s.Id == booking.PlannedSittingId).Select(s => s.CoursePlanId).SingleAsync(ct);
        var planStatus = await db.CoursePlans.AsNoTracking().Where(p => p.Id == planId).Select(p => p.Status).SingleAsync(ct);

        // Charting the last sitting completes the course, so its chart must stay amendable after that.
        var allowed = planStatus == PlanStatus.Active || (amending && planStatus == PlanStatus.Completed);
        if (!allowed)
        {
            return $"The course is {FlagsList.DisplayName(planStatus).ToLowerInvariant()}, so this sitting cannot be charted.";
        }

        // A new chart is the needling itself: the sitting day's guard must agree (re-screened today at this check-in,
        // screening allows treatment today, course not on hold). An amendment corrects the record of a past sitting.
        return amending ? null : await guard.StartRefusalAsync(booking, ct);
    }
}
