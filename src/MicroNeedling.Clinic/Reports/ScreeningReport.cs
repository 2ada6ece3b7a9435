using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.Screening;
using Microsoft.EntityFrameworkCore;

namespace MicroNeedling.Clinic.Reports;

/// <summary>
/// Screenings in a period by outcome, stand-alone screenings apart from the re-screens at check-in; the reasons behind
/// "not suitable" and "clearance required"; and the doctors' clearances recorded.
/// </summary>
/// <remarks>
/// Two queries. Screenings are counted in the database, grouped by day, outcome and kind (ScreenedOn is a clinic-local
/// date, so no time zone is involved) over the ScreenedOn index; clearances are read by their CreatedAtUtc index and
/// put in clinic-local weeks or months in memory.
/// </remarks>
internal static class ScreeningReport
{
    /// <summary>The start of the age reason <see cref="ScreeningRules.Evaluate"/> writes; the age has no column of its own.</summary>
    private const string AgeReason = "Under the clinic's minimum age";

    /// <summary>The start of the radiation reason <see cref="ScreeningRules.Evaluate"/> writes only when the radiation is
    /// recent (an old one is answered "yes" but needs no clearance).</summary>
    private const string RadiationReason = "Radiation therapy";

    public static async Task<Report> BuildAsync(ReportContext context, ReportPeriod period, CancellationToken ct)
    {
        var db = context.Db;
        var (from, to) = (period.From, period.To);
        var groups = await db.Screenings.AsNoTracking()
            .Where(s => s.ScreenedOn >= from && s.ScreenedOn <= to)
            .GroupBy(s => new { s.ScreenedOn, s.Outcome, ReScreen = s.BookingId != null })
            .Select(g => new ScreeningGroup(
                g.Key.ScreenedOn,
                g.Key.Outcome,
                g.Key.ReScreen,
                g.Count(),
                g.Count(s => s.Eczema),
                g.Count(s => s.Psoriasis),
                g.Count(s => s.ActiveAcne),
                g.Count(s => s.OpenWounds),
                g.Count(s => s.Outcome == ScreeningOutcome.NotSuitable && s.Reasons.Contains(AgeReason)),
                g.Count(s => s.Pregnancy == PregnancyAnswer.Yes),
                g.Count(s => s.RadiationTherapy && s.Reasons.Contains(RadiationReason))))
            .ToListAsync(ct);

        var (fromUtc, toUtc) = ClinicalReportBuckets.UtcRange(context, period);
        var clearances = await db.DoctorClearances.AsNoTracking()
            .Where(c => c.CreatedAtUtc >= fromUtc && c.CreatedAtUtc < toUtc)
            .Select(c => c.CreatedAtUtc)
            .ToListAsync(ct);

        var buckets = new ClinicalReportBuckets(period);
        var clearancesPerBucket = new int[buckets.Count];
        foreach (var index in clearances.Select(c => buckets.IndexOf(context.Clock.LocalDate(c))).Where(i => i >= 0))
        {
            clearancesPerBucket[index]++;
        }

        return new Report(ReportKind.Screening, "Screening outcomes", period,
        [
            Summary(period, groups, clearances.Count),
            OutcomesPerBucket(buckets, groups),
            OutcomesByKind(groups),
            Reasons(groups),
            Clearances(buckets, groups, clearancesPerBucket),
        ]);
    }

    private static ReportTable Summary(ReportPeriod period, List<ScreeningGroup> groups, int clearances) =>
        new("summary", "Screenings in the period", "Period",
            [
                new ReportColumn("Screenings", ReportValueFormat.Count, Charted: false),
                new ReportColumn("Suitable", ReportValueFormat.Count),
                new ReportColumn("Clearance required", ReportValueFormat.Count),
                new ReportColumn("Not suitable", ReportValueFormat.Count),
                new ReportColumn("Not suitable, share", ReportValueFormat.Percent, Charted: false),
                new ReportColumn("Clearances recorded", ReportValueFormat.Count),
            ],
            [
                new ReportRow(ClinicalReportBuckets.WholePeriod(period),
                [
                    groups.Sum(g => g.Count),
                    Outcome(groups, ScreeningOutcome.Suitable),
                    Outcome(groups, ScreeningOutcome.ClearanceRequired),
                    Outcome(groups, ScreeningOutcome.NotSuitable),
                    ClinicalReportMath.Per100(Outcome(groups, ScreeningOutcome.NotSuitable), groups.Sum(g => g.Count)),
                    clearances,
                ]),
            ],
            ChartKind.Bar,
            "Every screening recorded on a day in the period, stand-alone or at check-in, by the outcome worked out when it was recorded; clearances are counted on the clinic-local day they were recorded.");

    private static ReportTable OutcomesPerBucket(ClinicalReportBuckets buckets, List<ScreeningGroup> groups)
    {
        var counts = new int[buckets.Count, 5];
        foreach (var g in groups)
        {
            var index = buckets.IndexOf(g.ScreenedOn);
            counts[index, (int)g.Outcome] += g.Count;
            counts[index, g.ReScreen ? 4 : 3] += g.Count;
        }

        return new ReportTable("outcomes-by-" + buckets.Unit, $"Screening outcomes per {buckets.Unit}", buckets.RowHeader,
            [
                new ReportColumn(FlagsList.DisplayName(ScreeningOutcome.Suitable), ReportValueFormat.Count),
                new ReportColumn(FlagsList.DisplayName(ScreeningOutcome.ClearanceRequired), ReportValueFormat.Count),
                new ReportColumn(FlagsList.DisplayName(ScreeningOutcome.NotSuitable), ReportValueFormat.Count),
                new ReportColumn("Stand-alone screenings", ReportValueFormat.Count, Charted: false),
                new ReportColumn("Check-in re-screens", ReportValueFormat.Count, Charted: false),
            ],
            buckets.Rows(i => [counts[i, 0], counts[i, 1], counts[i, 2], counts[i, 3], counts[i, 4]]),
            ChartKind.StackedBar,
            $"Each screening is counted in the {buckets.Described} of its day; a re-screen at check-in is one recorded for a booking, a stand-alone screening one recorded outside a sitting.");
    }

    private static ReportTable OutcomesByKind(List<ScreeningGroup> groups) =>
        new("outcomes-by-kind", "Outcomes of stand-alone screenings and check-in re-screens", "Outcome",
            [
                new ReportColumn("Stand-alone screenings", ReportValueFormat.Count),
                new ReportColumn("Check-in re-screens", ReportValueFormat.Count),
            ],
            Enum.GetValues<ScreeningOutcome>()
                .Select(o => new ReportRow(FlagsList.DisplayName(o),
                [
                    groups.Where(g => g.Outcome == o && !g.ReScreen).Sum(g => g.Count),
                    groups.Where(g => g.Outcome == o && g.ReScreen).Sum(g => g.Count),
                ]))
                .ToList(),
            ChartKind.Bar,
            "Every screening recorded on a day in the period, by the outcome worked out when it was recorded and by whether it was recorded at a sitting's check-in.");

    private static ReportTable Reasons(List<ScreeningGroup> groups)
    {
        ReportRow Row(string label, Func<ScreeningGroup, int> count) =>
            new(label, [groups.Where(g => !g.ReScreen).Sum(count), groups.Where(g => g.ReScreen).Sum(count), groups.Sum(count)]);

        return new ReportTable("reasons", "Reasons for \"not suitable\" and \"clearance required\"", "Reason",
            [
                new ReportColumn("Stand-alone screenings", ReportValueFormat.Count),
                new ReportColumn("Check-in re-screens", ReportValueFormat.Count),
                new ReportColumn("All screenings", ReportValueFormat.Count, Charted: false),
            ],
            [
                Row("Not suitable: eczema", g => g.Eczema),
                Row("Not suitable: psoriasis", g => g.Psoriasis),
                Row("Not suitable: active acne", g => g.ActiveAcne),
                Row("Not suitable: open wounds", g => g.OpenWounds),
                Row("Not suitable: under the minimum age", g => g.UnderAge),
                Row("Clearance required: pregnancy", g => g.Pregnancy),
                Row("Clearance required: recent radiation therapy", g => g.RecentRadiation),
            ],
            ChartKind.StackedBar,
            "The screenings in the period with each finding; a screening with several findings counts once for each. Radiation therapy counts only when it was recent enough to need a clearance; pregnancy counts also when another finding made the patient not suitable.");
    }

    private static ReportTable Clearances(ClinicalReportBuckets buckets, List<ScreeningGroup> groups, int[] clearancesPerBucket)
    {
        var needing = new int[buckets.Count];
        foreach (var g in groups.Where(g => g.Outcome == ScreeningOutcome.ClearanceRequired))
        {
            needing[buckets.IndexOf(g.ScreenedOn)] += g.Count;
        }

        return new ReportTable("clearances-by-" + buckets.Unit, $"Doctors' clearances recorded per {buckets.Unit}", buckets.RowHeader,
            [
                new ReportColumn("Clearances recorded", ReportValueFormat.Count),
                new ReportColumn("Screenings needing a clearance", ReportValueFormat.Count),
            ],
            buckets.Rows(i => [clearancesPerBucket[i], needing[i]]),
            ChartKind.Bar,
            $"Clearances in the {buckets.Described} of the clinic-local day they were recorded (whenever the screening was), beside the screenings of that {buckets.Unit} whose outcome was \"clearance required\".");
    }

    private static int Outcome(List<ScreeningGroup> groups, ScreeningOutcome outcome) => groups.Where(g => g.Outcome == outcome).Sum(g => g.Count);

    private sealed record ScreeningGroup(
        DateOnly ScreenedOn,
        ScreeningOutcome Outcome,
        bool ReScreen,
        int Count,
        int Eczema,
        int Psoriasis,
        int ActiveAcne,
        int OpenWounds,
        int UnderAge,
        int Pregnancy,
        int RecentRadiation);
}
