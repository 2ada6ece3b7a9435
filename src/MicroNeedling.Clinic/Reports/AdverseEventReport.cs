using MicroNeedling.Clinic.Bookings;
using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.Sittings;
using Microsoft.EntityFrameworkCore;

namespace MicroNeedling.Clinic.Reports;

/// <summary>
/// Side effects per 100 completed sittings, by kind and severity and per week or month; how long the ones that need a
/// clinician waited for the review; and the courses a review stopped.
/// </summary>
/// <remarks>
/// Two queries. The side effects whose onset day is in the period (SideEffects by OnsetDate), as a small projection.
/// The sittings completed in the period are too many to read one by one at scale, so the database counts them per start
/// instant (Bookings by StartUtc) and each instant is put on its clinic-local day in memory.
/// </remarks>
internal static class AdverseEventReport
{
    public static async Task<Report> BuildAsync(ReportContext context, ReportPeriod period, CancellationToken ct)
    {
        var db = context.Db;
        var (from, to) = (period.From, period.To);
        var effects = await db.SideEffects.AsNoTracking()
            .Where(e => e.OnsetDate >= from && e.OnsetDate <= to)
            .Select(e => new SideEffect
            {
                CoursePlanId = e.CoursePlanId,
                Kind = e.Kind,
                Severity = e.Severity,
                OnsetDate = e.OnsetDate,
                ResolvedOn = e.ResolvedOn,
                CreatedAtUtc = e.CreatedAtUtc,
                ReviewedAtUtc = e.ReviewedAtUtc,
                ReviewOutcome = e.ReviewOutcome,
            })
            .ToListAsync(ct);

        var sittingsPerDay = await CompletedSittingsPerDayAsync(context, period, ct);
        var sittings = sittingsPerDay.Values.Sum();
        var buckets = new ClinicalReportBuckets(period);
        var today = context.Clock.Today(context.Time);

        return new Report(ReportKind.AdverseEvents, "Adverse events", period,
        [
            Summary(period, effects, sittings, today, context.Settings.ExpectedEffectReviewDays),
            Trend(buckets, effects, sittingsPerDay),
            ByKind(effects, sittings),
            BySeverity(effects, sittings),
            TimeToReview(effects, today, context.Settings.ExpectedEffectReviewDays),
            ReviewOutcomes(effects),
        ]);
    }

    /// <summary>
    /// Completed sittings per clinic-local day. The database counts them per start instant: sittings start on the
    /// calendar's slots, so there are far fewer instants than sittings (a few dozen a day however many chairs), and no
    /// date function runs per row. Each instant is put on its clinic-local day here, exact in every time zone.
    /// </summary>
    private static async Task<Dictionary<DateOnly, int>> CompletedSittingsPerDayAsync(ReportContext context, ReportPeriod period, CancellationToken ct)
    {
        var (fromUtc, toUtc) = ClinicalReportBuckets.UtcRange(context, period);
        var counts = await context.Db.Bookings.AsNoTracking()
            .Where(b => b.StartUtc >= fromUtc && b.StartUtc < toUtc && b.Status == BookingStatus.Completed)
            .GroupBy(b => b.StartUtc)
            .Select(g => new { StartUtc = g.Key, Count = g.Count() })
            .ToListAsync(ct);

        var perDay = new Dictionary<DateOnly, int>();
        foreach (var c in counts)
        {
            var day = context.Clock.LocalDate(c.StartUtc);
            perDay[day] = perDay.GetValueOrDefault(day) + c.Count;
        }

        return perDay;
    }

    private static ReportTable Summary(ReportPeriod period, List<SideEffect> effects, int sittings, DateOnly today, int thresholdDays) =>
        new("summary", "Adverse events in the period", "Period",
            [
                new ReportColumn("Completed sittings", ReportValueFormat.Count, Charted: false),
                new ReportColumn("Side effects", ReportValueFormat.Count),
                new ReportColumn("Per 100 sittings", ReportValueFormat.OneDecimal, Charted: false),
                new ReportColumn("Waiting for review", ReportValueFormat.Count),
                new ReportColumn("Courses stopped", ReportValueFormat.Count),
            ],
            [
                new ReportRow(ClinicalReportBuckets.WholePeriod(period),
                [
                    sittings,
                    effects.Count,
                    ClinicalReportMath.Per100(effects.Count, sittings),
                    effects.Count(e => WaitsForReview(e, today, thresholdDays)),
                    StoppedCourses(effects),
                ]),
            ],
            ChartKind.Bar,
            "Side effects whose onset day is in the period, per 100 sittings completed (booking completed, by the clinic-local day it started) in the same period; courses stopped are the courses of those side effects whose review decided to stop the course.");

    private static ReportTable Trend(ClinicalReportBuckets buckets, List<SideEffect> effects, Dictionary<DateOnly, int> sittingsPerDay)
    {
        var sittings = new int[buckets.Count];
        var counts = new int[buckets.Count];
        foreach (var (day, count) in sittingsPerDay)
        {
            if (buckets.IndexOf(day) is var index and >= 0)
            {
                sittings[index] += count;
            }
        }

        foreach (var effect in effects)
        {
            counts[buckets.IndexOf(effect.OnsetDate)]++;
        }

        return new ReportTable("trend-by-" + buckets.Unit, $"Side effects per 100 sittings, per {buckets.Unit}", buckets.RowHeader,
            [
                new ReportColumn("Completed sittings", ReportValueFormat.Count, Charted: false),
                new ReportColumn("Side effects", ReportValueFormat.Count, Charted: false),
                new ReportColumn("Per 100 sittings", ReportValueFormat.OneDecimal),
            ],
            buckets.Rows(i => [sittings[i], counts[i], ClinicalReportMath.Per100(counts[i], sittings[i])]),
            ChartKind.Line,
            $"Side effects by the {buckets.Described} of their onset day, per 100 sittings completed in the same {buckets.Unit} (by the clinic-local day the sitting started); no rate where no sitting was completed.");
    }

    private static ReportTable ByKind(List<SideEffect> effects, int sittings) =>
        new("by-kind", "Side effects by kind and severity", "Kind",
            [
                .. Enum.GetValues<Severity>().Select(s => new ReportColumn(FlagsList.DisplayName(s), ReportValueFormat.Count)),
                new ReportColumn("All severities", ReportValueFormat.Count, Charted: false),
                new ReportColumn("Per 100 sittings", ReportValueFormat.OneDecimal, Charted: false),
            ],
            Enum.GetValues<SideEffectKind>()
                .Select(kind =>
                {
                    var these = effects.Where(e => e.Kind == kind).ToList();
                    return new ReportRow(FlagsList.DisplayName(kind),
                    [
                        .. Enum.GetValues<Severity>().Select(s => (decimal?)these.Count(e => e.Severity == s)),
                        these.Count,
                        ClinicalReportMath.Per100(these.Count, sittings),
                    ]);
                })
                .ToList(),
            ChartKind.StackedBar,
            $"Side effects whose onset day is in the period, by kind and by the severity reported; the rate is per 100 of the {sittings} sittings completed in the period.");

    private static ReportTable BySeverity(List<SideEffect> effects, int sittings) =>
        new("by-severity", "Side effects by severity", "Severity",
            [
                new ReportColumn("Side effects", ReportValueFormat.Count, Charted: false),
                new ReportColumn("Per 100 sittings", ReportValueFormat.OneDecimal),
            ],
            Enum.GetValues<Severity>()
                .Select(s => new ReportRow(FlagsList.DisplayName(s),
                [
                    effects.Count(e => e.Severity == s),
                    ClinicalReportMath.Per100(effects.Count(e => e.Severity == s), sittings),
                ]))
                .ToList(),
            ChartKind.Bar,
            $"Side effects whose onset day is in the period, by the severity reported, per 100 of the {sittings} sittings completed in the period.");

    private static ReportTable TimeToReview(List<SideEffect> effects, DateOnly today, int thresholdDays)
    {
        ReportRow Row(string label, List<SideEffect> these)
        {
            var hours = these.Where(e => e.ReviewedAtUtc is not null).Select(e => (e.ReviewedAtUtc!.Value - e.CreatedAtUtc).TotalHours).ToList();
            return new ReportRow(label,
            [
                ClinicalReportMath.Median(hours),
                ClinicalReportMath.Percentile(hours, 0.9),
                hours.Count,
                these.Count(e => WaitsForReview(e, today, thresholdDays)),
            ]);
        }

        var holding = effects.Where(HoldsTheCourse).ToList();
        var others = effects.Where(e => !HoldsTheCourse(e) && (e.ReviewedAtUtc is not null || HoldRules.Prompts(e, today, thresholdDays))).ToList();
        return new ReportTable("time-to-review", "Hours from report to clinician review", "Side effects",
            [
                new ReportColumn("Median hours", ReportValueFormat.OneDecimal),
                new ReportColumn("90th percentile hours", ReportValueFormat.OneDecimal),
                new ReportColumn("Reviewed", ReportValueFormat.Count, Charted: false),
                new ReportColumn("Still waiting", ReportValueFormat.Count, Charted: false),
            ],
            [
                Row("Severe (the course is on hold until reviewed)", holding),
                Row($"Expected kinds lasting over {thresholdDays} days, or reviewed anyway", others),
                Row("All needing review", [.. holding, .. others]),
            ],
            ChartKind.Bar,
            "Of the side effects whose onset day is in the period: those of a severe kind or reported as severe, which hold the course, and the others that were reviewed or are prompting for a review today; hours from when the side effect was recorded to when a clinician recorded the review.");
    }

    private static ReportTable ReviewOutcomes(List<SideEffect> effects) =>
        new("review-outcomes", "Review outcomes", "Outcome",
            [
                new ReportColumn("Side effects", ReportValueFormat.Count),
                new ReportColumn("Courses", ReportValueFormat.Count),
            ],
            Enum.GetValues<ReviewOutcome>()
                .Select(o => new ReportRow(FlagsList.DisplayName(o),
                [
                    effects.Count(e => e.ReviewOutcome == o),
                    effects.Where(e => e.ReviewOutcome == o).Select(e => e.CoursePlanId).Distinct().Count(),
                ]))
                .ToList(),
            ChartKind.Bar,
            "The reviews recorded so far of the side effects whose onset day is in the period, by what the clinician decided; a course with several such reviews counts once per outcome.");

    /// <summary>A severe kind, or any kind reported as severe: <see cref="HoldRules"/> holds the course until it is reviewed.</summary>
    private static bool HoldsTheCourse(SideEffect effect) => SideEffect.IsSevereKind(effect.Kind) || effect.Severity == Severity.Severe;

    private static bool WaitsForReview(SideEffect effect, DateOnly today, int thresholdDays) =>
        HoldRules.Holds(effect) || HoldRules.Prompts(effect, today, thresholdDays);

    private static int StoppedCourses(List<SideEffect> effects) =>
        effects.Where(e => e.ReviewOutcome == ReviewOutcome.StopCourse).Select(e => e.CoursePlanId).Distinct().Count();
}
