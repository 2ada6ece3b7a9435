using MicroNeedling.Clinic.Bookings;
using MicroNeedling.Clinic.Plans;
using MicroNeedling.Clinic.Sittings;
using Microsoft.EntityFrameworkCore;

namespace MicroNeedling.Clinic.Reports;

/// <summary>
/// Courses started, completed and stopped in a period; how many sittings the completed ones took; and how far apart
/// those sittings were against each course's own interval rule.
/// </summary>
/// <remarks>
/// Four queries, each bounded by the period on an indexed column: courses created, completed and cancelled in the
/// period (CoursePlans by CreatedAtUtc, CompletedAtUtc and CancelledAtUtc), and the completed sittings of the courses
/// completed in the period (from those courses through PlannedSittings (CoursePlanId, Number) to Bookings
/// (PlannedSittingId, Status)). Instants are bucketed into clinic-local weeks or months in memory.
/// </remarks>
internal static class CourseReport
{
    public static async Task<Report> BuildAsync(ReportContext context, ReportPeriod period, CancellationToken ct)
    {
        var db = context.Db;
        var (fromUtc, toUtc) = ClinicalReportBuckets.UtcRange(context, period);

        var started = await db.CoursePlans.AsNoTracking()
            .Where(p => p.CreatedAtUtc >= fromUtc && p.CreatedAtUtc < toUtc)
            .Select(p => p.CreatedAtUtc)
            .ToListAsync(ct);

        var completed = await db.CoursePlans.AsNoTracking()
            // Only ChartService sets CompletedAtUtc, as the course completes, and a completed course never changes status
            // again, so the date alone says "completed". A status test here would let PostgreSQL read the recall list's
            // partial index (Status = Completed) from end to end instead of seeking IX_CoursePlans_CompletedAtUtc.
            .Where(p => p.CompletedAtUtc >= fromUtc && p.CompletedAtUtc < toUtc)
            .Select(p => new CompletedCourse(p.Id, p.CompletedAtUtc!.Value, p.MinIntervalDays, p.MaxIntervalDays))
            .ToListAsync(ct);

        var stopped = await db.CoursePlans.AsNoTracking()
            .Where(p => p.CancelledAtUtc >= fromUtc && p.CancelledAtUtc < toUtc && p.Status == PlanStatus.Cancelled)
            .Select(p => new StoppedCourse(
                p.CancelledAtUtc!.Value,
                db.SideEffects.Any(e => e.CoursePlanId == p.Id && e.ReviewOutcome == ReviewOutcome.StopCourse)))
            .ToListAsync(ct);

        var sittings = await (
                from plan in db.CoursePlans
                where plan.CompletedAtUtc >= fromUtc && plan.CompletedAtUtc < toUtc
                join sitting in db.PlannedSittings on plan.Id equals sitting.CoursePlanId
                join booking in db.Bookings on sitting.Id equals booking.PlannedSittingId
                where booking.Status == BookingStatus.Completed
                select new CompletedSitting(plan.Id, sitting.Number, booking.StartUtc))
            .AsNoTracking()
            .ToListAsync(ct);

        var buckets = new ClinicalReportBuckets(period);
        var sittingsByCourse = sittings.ToLookup(s => s.CoursePlanId);
        var sittingCounts = completed.Select(c => sittingsByCourse[c.Id].Select(s => s.Number).Distinct().Count()).ToList();
        var intervals = completed.SelectMany(c => IntervalsOf(c, sittingsByCourse[c.Id], context)).ToList();

        return new Report(ReportKind.Courses, "Courses", period,
        [
            Summary(period, started.Count, completed.Count, stopped, sittingCounts, intervals),
            PerBucket(context, buckets, started, completed, stopped),
            SittingsPerCourse(sittingCounts),
            Intervals(intervals),
        ]);
    }

    private static ReportTable Summary(ReportPeriod period, int started, int completed, List<StoppedCourse> stopped, List<int> sittingCounts, List<Interval> intervals) =>
        new("summary", "Courses in the period", "Period",
            [
                new ReportColumn("Started", ReportValueFormat.Count),
                new ReportColumn("Completed", ReportValueFormat.Count),
                new ReportColumn("Stopped or abandoned", ReportValueFormat.Count),
                new ReportColumn("Stopped after a side-effect review", ReportValueFormat.Count),
                new ReportColumn("Mean sittings per completed course", ReportValueFormat.OneDecimal, Charted: false),
                new ReportColumn("Median days between sittings", ReportValueFormat.Days, Charted: false),
            ],
            [
                new ReportRow(ClinicalReportBuckets.WholePeriod(period),
                [
                    started, completed, stopped.Count, stopped.Count(s => s.AfterReview),
                    ClinicalReportMath.Mean(sittingCounts), ClinicalReportMath.Median(intervals.Select(i => (double)i.Days)),
                ]),
            ],
            ChartKind.Bar,
            "A course is started on the day it was planned, completed on the day its last sitting was charted and stopped on the day it was cancelled (clinic-local days); \"after a side-effect review\" counts stopped courses with a review whose outcome was to stop the course. Sittings and intervals are those of the courses completed in the period.");

    private static ReportTable PerBucket(ReportContext context, ClinicalReportBuckets buckets, List<DateTime> started, List<CompletedCourse> completed, List<StoppedCourse> stopped)
    {
        var counts = new int[buckets.Count, 4];
        void Add(DateTime utc, int column)
        {
            var index = buckets.IndexOf(context.Clock.LocalDate(utc));
            if (index >= 0)
            {
                counts[index, column]++;
            }
        }

        started.ForEach(s => Add(s, 0));
        completed.ForEach(c => Add(c.CompletedAtUtc, 1));
        stopped.ForEach(s => Add(s.CancelledAtUtc, 2));
        stopped.Where(s => s.AfterReview).ToList().ForEach(s => Add(s.CancelledAtUtc, 3));

        return new ReportTable("by-" + buckets.Unit, $"Courses started, completed and stopped per {buckets.Unit}", buckets.RowHeader,
            [
                new ReportColumn("Started", ReportValueFormat.Count),
                new ReportColumn("Completed", ReportValueFormat.Count),
                new ReportColumn("Stopped or abandoned", ReportValueFormat.Count),
                new ReportColumn("Of which after a side-effect review", ReportValueFormat.Count, Charted: false),
            ],
            buckets.Rows(i => [counts[i, 0], counts[i, 1], counts[i, 2], counts[i, 3]]),
            ChartKind.Bar,
            $"Each course is counted in the {buckets.Described} of the clinic-local day it was planned, completed or cancelled.");
    }

    private static ReportTable SittingsPerCourse(List<int> sittingCounts)
    {
        var rows = sittingCounts.GroupBy(n => n).OrderBy(g => g.Key)
            .Select(g => new ReportRow(
                g.Key == 1 ? "1 sitting" : $"{g.Key} sittings",
                [g.Count(), ClinicalReportMath.Per100(g.Count(), sittingCounts.Count)]))
            .ToList();
        return new ReportTable("sittings-per-course", "Sittings per completed course", "Completed sittings",
            [
                new ReportColumn("Courses", ReportValueFormat.Count),
                new ReportColumn("Share of completed courses", ReportValueFormat.Percent, Charted: false),
            ],
            rows,
            ChartKind.Bar,
            "For each course completed in the period, the number of its sittings with a completed booking (whenever they took place).");
    }

    private static ReportTable Intervals(List<Interval> intervals)
    {
        ReportRow Row(string label, IntervalFit fit)
        {
            var these = intervals.Where(i => i.Fit == fit).ToList();
            return new ReportRow(label,
            [
                these.Count,
                ClinicalReportMath.Per100(these.Count, intervals.Count),
                ClinicalReportMath.Median(these.Select(i => (double)i.Days)),
            ]);
        }

        return new ReportTable("intervals", "Days between sittings against the interval rule", "Interval",
            [
                new ReportColumn("Intervals", ReportValueFormat.Count),
                new ReportColumn("Share of intervals", ReportValueFormat.Percent, Charted: false),
                new ReportColumn("Median days", ReportValueFormat.Days, Charted: false),
            ],
            [
                Row("Shorter than the minimum", IntervalFit.Shorter),
                Row("Within the rule", IntervalFit.Within),
                Row("Longer than the maximum", IntervalFit.Longer),
            ],
            ChartKind.Bar,
            "Clinic-local calendar days between consecutive completed sittings of each course completed in the period, against that course's minimum and maximum interval (times the sittings' distance when one in between was never completed).");
    }

    /// <summary>The gaps between a course's completed sittings in sitting order; a sitting completed twice counts once, at its first completion.</summary>
    private static IEnumerable<Interval> IntervalsOf(CompletedCourse course, IEnumerable<CompletedSitting> sittings, ReportContext context)
    {
        var dated = sittings.GroupBy(s => s.Number)
            .Select(g => (Number: g.Key, Date: context.Clock.LocalDate(g.Min(s => s.StartUtc))))
            .OrderBy(s => s.Number)
            .ToList();
        for (var i = 1; i < dated.Count; i++)
        {
            var steps = dated[i].Number - dated[i - 1].Number;
            var days = dated[i].Date.DayNumber - dated[i - 1].Date.DayNumber;
            var fit = days < course.MinIntervalDays * steps ? IntervalFit.Shorter
                : days > course.MaxIntervalDays * steps ? IntervalFit.Longer
                : IntervalFit.Within;
            yield return new Interval(days, fit);
        }
    }

    private sealed record CompletedCourse(int Id, DateTime CompletedAtUtc, int MinIntervalDays, int MaxIntervalDays);

    private sealed record StoppedCourse(DateTime CancelledAtUtc, bool AfterReview);

    private sealed record CompletedSitting(int CoursePlanId, int Number, DateTime StartUtc);

    private sealed record Interval(int Days, IntervalFit Fit);

    private enum IntervalFit
    {
        Shorter,
        Within,
        Longer,
    }
}
