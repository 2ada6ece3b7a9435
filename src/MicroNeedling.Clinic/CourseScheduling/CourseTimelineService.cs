using MicroNeedling.Clinic.Bookings;
using MicroNeedling.Clinic.ClinicSetup;
using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.Data;
using MicroNeedling.Clinic.Plans;
using MicroNeedling.Clinic.Settings;
using Microsoft.EntityFrameworkCore;

namespace MicroNeedling.Clinic.CourseScheduling;

/// <summary>The course as a timeline: each sitting's date and time, clinician, room and status. Three queries, whatever the size.</summary>
public sealed class CourseTimelineService(ClinicDbContext db, ClinicSettingsService settings, CourseFactsQuery courses, TimeProvider time)
{
    public async Task<int?> PlanOfSittingAsync(int sittingId, CancellationToken ct = default) =>
        await db.PlannedSittings.Where(s => s.Id == sittingId).Select(s => (int?)s.CoursePlanId).SingleOrDefaultAsync(ct);

    /// <summary>For the patients found by a search: the next unbooked sitting of their active course, if they have one.</summary>
    public async Task<IReadOnlyList<BookableSitting>> NextUnbookedAsync(IReadOnlyCollection<int> patientIds, CancellationToken ct = default)
    {
        var rows = await db.CoursePlans.AsNoTracking()
            .Where(p => patientIds.Contains(p.PatientId) && p.Status == PlanStatus.Active)
            .Select(p => new
            {
                p.PatientId,
                p.SittingCount,
                Next = p.Sittings
                    .Where(s => !db.Bookings.Where(Booking.IsLive).Any(b => b.PlannedSittingId == s.Id))
                    .OrderBy(s => s.Number)
                    .Select(s => new { s.Id, s.Number })
                    .FirstOrDefault(),
            })
            .ToListAsync(ct);
        return rows.Where(r => r.Next is not null).Select(r => new BookableSitting(r.PatientId, r.Next!.Id, r.Next.Number, r.SittingCount)).ToList();
    }

    public async Task<CourseTimeline?> LoadAsync(int planId, CancellationToken ct = default)
    {
        var plan = await db.CoursePlans.AsNoTracking().Include(p => p.Patient).Include(p => p.Sittings)
            .SingleOrDefaultAsync(p => p.Id == planId, ct);
        if (plan is null)
        {
            return null;
        }

        var clinicTime = ClinicTime.For((await settings.GetAsync(ct)).TimeZoneId);
        var live = await db.Bookings.AsNoTracking().Where(Booking.IsLive)
            .Where(b => b.Sitting!.CoursePlanId == planId)
            .Select(b => new
            {
                b.Id,
                b.PlannedSittingId,
                b.StartUtc,
                b.Status,
                Clinician = db.Users.Where(u => u.Id == b.ClinicianId).Select(u => u.DisplayName).First(),
                Room = b.Room!.Name,
            })
            .ToListAsync(ct);

        var ended = await db.Bookings.AsNoTracking()
            .Where(b => b.Sitting!.CoursePlanId == planId
                && (b.Status == BookingStatus.Cancelled || b.Status == BookingStatus.NoShow || b.Status == BookingStatus.NotPerformed))
            .OrderByDescending(b => b.Id)
            // The reason a sitting was not performed comes from the re-screen answers: clinical detail that front desk,
            // who also reads this timeline, must not receive. The booking page shows it to clinicians.
            .Select(b => new { b.PlannedSittingId, b.Status, Reason = b.CancellationReason })
            .ToListAsync(ct);

        var facts = await courses.ForPlanAsync(planId, ct);
        var screenedUntil = facts?.LatestScreeningLastValidDay;
        var lines = plan.Sittings.OrderBy(s => s.Number).Select(s =>
        {
            var b = live.FirstOrDefault(x => x.PlannedSittingId == s.Id);
            var last = ended.FirstOrDefault(x => x.PlannedSittingId == s.Id);
            return b is null
                ? new TimelineLine(s.Id, s.Number, null, null, null, null, null)
                {
                    PreviousOutcome = last is null ? null : FlagsList.DisplayName(last.Status).ToLowerInvariant() + (last.Reason is null ? "" : $", {last.Reason}"),
                }
                : new TimelineLine(s.Id, s.Number, b.Id, clinicTime.ToLocal(b.StartUtc), b.Clinician, b.Room, b.Status)
                {
                    ReScreenAtCheckIn = b.Status == BookingStatus.Booked && BookingEligibility.NeedsReScreenBy(screenedUntil, clinicTime.LocalDate(b.StartUtc)),
                };
        }).ToList();

        return new CourseTimeline(plan.Id, plan.PatientId, plan.Patient!.FullName, plan.SittingCount, plan.Status,
            plan.MinIntervalDays, plan.MaxIntervalDays, lines, NextWindow(lines, plan, clinicTime.Today(time)))
        {
            OnHold = facts?.IsOnHold ?? false,
        };
    }

    private static NextSittingWindow? NextWindow(List<TimelineLine> lines, CoursePlan plan, DateOnly today)
    {
        var next = lines.FirstOrDefault(l => l.BookingId is null);
        if (next is null || plan.Status != PlanStatus.Active)
        {
            return null;
        }

        var dated = lines.Where(l => l.LocalStart is not null).Select(l => new CourseSittingDate(l.Number, DateOnly.FromDateTime(l.LocalStart!.Value)));
        var days = IntervalRule.DaysFor(next.Number, dated, plan.MinIntervalDays, plan.MaxIntervalDays);
        var earliest = days.Earliest is { } from && from > today ? from : today;
        return new NextSittingWindow(next.Number, earliest, days.RecommendedLatest);
    }
}
