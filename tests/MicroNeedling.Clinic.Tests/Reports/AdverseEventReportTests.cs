using MicroNeedling.Clinic.Bookings;
using MicroNeedling.Clinic.Reports;
using MicroNeedling.Clinic.Sittings;

namespace MicroNeedling.Clinic.Tests.Reports;

/// <summary>
/// Side effects and completed sittings counted by hand against the report of Monday 19 October to Sunday 1 November
/// 2026, two weeks, the first ending on the day the clocks go back (Sunday 25 October). Side effects and reviews go
/// through the real service; the sittings are put in directly (see <see cref="ClinicalReportsClinic.BookingAsync"/>).
/// The report is read on Tuesday 3 November at 10:00. Times are London's.
/// </summary>
/// <remarks>
/// <code>
/// completed sittings (start)                          week
/// Ann  Sun 18 Oct 23:30 BST (22:30 UTC)               outside
/// Ann  Mon 19 Oct 00:30 BST (Sun 18 Oct 23:30 UTC)    1
/// Ann  Tue 20 Oct 10:00                               1
/// Ben  Sun 25 Oct 10:00 GMT                           1
/// Ben  Sun 25 Oct 23:30 GMT                           1
/// Cat  Mon 26 Oct 10:00                               2
/// Cat  Sun 1 Nov 23:30                                2
/// Cat  Mon 2 Nov 00:30                                outside
/// Dan  no-show Tue 27 Oct, cancelled Wed 28 Oct       not completed
///                                                     → 4 + 2 = 6 in the period
///
/// side effect  kind        severity  onset     recorded           reviewed                       hours  week
/// E1 Ann       redness     mild      18 Oct    19 Oct 09:00       no                                    outside
/// E2 Ann       redness     mild      19 Oct    19 Oct 12:00       no: lingers past 7 days, waits        1
/// E3 Ann       infection   moderate  21 Oct    21 Oct 10:00       21 Oct 14:00, continue w/ changes  4   1
/// E4 Ben       bleeding    mild      24 Oct    Sat 24 Oct 20:00   Sun 25 Oct 20:00 (BST → GMT)  25     1
/// E5 Ben       irritation  severe    26 Oct    26 Oct 12:00       no: holds the course, waits           2
/// E8 Dan       redness     moderate  28 Oct    28 Oct 10:00       29 Oct 10:00, continue        24     2
/// E6 Cat       peeling     moderate  1 Nov     1 Nov 12:00        1 Nov 22:00, stop the course  10     2
/// E7 Dan       bruising    mild      2 Nov     2 Nov 10:00        no                                    outside
/// </code>
/// </remarks>
public sealed class AdverseEventReportTests(AdverseEventReportTests.FourCourses data) : IClassFixture<AdverseEventReportTests.FourCourses>
{
    private Task<Report> ReportAsync() => data.Clinic.ReportAsync(ReportKind.AdverseEvents, "2026-10-19", "2026-11-01");

    [Fact]
    public async Task Side_effects_per_100_sittings_count_onset_days_and_sittings_started_on_clinic_local_days_of_the_period()
    {
        var report = await ReportAsync();
        report.AssertWellFormed();

        // sittings 6, side effects 6 (E2 E3 E4 E5 E6 E8), per 100 = 100, waiting E2 and E5, one course stopped (Cat)
        Assert.Equal(["19 Oct 2026 to 1 Nov 2026: 6 6 100 2 1"], report.Table("summary").Lines());

        // sittings, side effects, per 100: week 1 has 4 sittings (Ann's at 00:30 on Monday is Sunday in UTC) and E2 E3 E4
        Assert.Equal(["19 Oct 2026: 4 3 75", "26 Oct 2026: 2 3 150"], report.Table("trend-by-week").Lines());
    }

    [Fact]
    public async Task Side_effects_are_counted_by_kind_and_severity_with_their_rate_per_100_sittings()
    {
        var report = await ReportAsync();

        // mild, moderate, severe, all, per 100 of 6 sittings
        Assert.Equal(
            [
                "Redness: 1 1 0 2 33.3", // E2, E8 (E1 began the day before the period)
                "Irritation: 0 0 1 1 16.7", // E5
                "Infection: 0 1 0 1 16.7", // E3
                "Bruising: 0 0 0 0 0", // E7 began the day after the period
                "Peeling: 0 1 0 1 16.7", // E6 on the period's last day
                "Bleeding: 1 0 0 1 16.7", // E4
            ],
            report.Table("by-kind").Lines());

        // side effects, per 100
        Assert.Equal(["Mild: 2 33.3", "Moderate: 3 50", "Severe: 1 16.7"], report.Table("by-severity").Lines());
    }

    [Fact]
    public async Task Time_to_review_is_the_median_and_90th_percentile_of_real_hours_and_waiting_ones_are_counted()
    {
        var report = await ReportAsync();

        // median, 90th percentile, reviewed, waiting
        Assert.Equal(
            [
                // E3 4 h, E6 10 h, E4 25 h (the night the clocks went back has 25 hours): median 10, p90 10 + 0.8 × 15 = 22; E5 waits
                "Severe (the course is on hold until reviewed): 10 22 3 1",

                // E8 reviewed after 24 h; E2 still unresolved and unreviewed 15 days after onset, past the 7-day threshold
                "Expected kinds lasting over 7 days, or reviewed anyway: 24 24 1 1",

                // 4, 10, 24, 25: median 17, p90 24 + 0.7 × 1 = 24.7
                "All needing review: 17 24.7 4 2",
            ],
            report.Table("time-to-review").Lines());

        // side effects, courses
        Assert.Equal(["Continue the course: 2 2", "Continue with changes: 1 1", "Stop the course: 1 1"], report.Table("review-outcomes").Lines());
    }

    [Fact]
    public async Task By_month_sittings_and_side_effects_fall_in_the_month_of_their_clinic_local_day()
    {
        var report = await data.Clinic.ReportAsync(ReportKind.AdverseEvents, "2026-10-01", "2026-11-30", ReportGrouping.Month);

        // October: Ann ×3, Ben ×2, Cat ×1 sittings; E1 E2 E3 E4 E5 E8. November: Cat ×2; E6 E7.
        Assert.Equal(["Oct 2026: 6 6 100", "Nov 2026: 2 2 100"], report.Table("trend-by-month").Lines());
    }

    [Fact]
    public async Task A_period_without_sittings_has_no_rate_rather_than_a_division_by_zero()
    {
        var report = await data.Clinic.ReportAsync(ReportKind.AdverseEvents, "2026-09-07", "2026-09-13");

        Assert.Equal(["7 Sep 2026: 0 0 -"], report.Table("trend-by-week").Lines());
        Assert.Equal(["7 Sep 2026 to 13 Sep 2026: 0 0 - 0 0"], report.Table("summary").Lines());
        Assert.All(report.Table("time-to-review").Lines(), line => Assert.EndsWith(": - - 0 0", line));
    }

    public sealed class FourCourses : IAsyncLifetime
    {
        public ClinicalReportsClinic Clinic { get; private set; } = default!;

        public async Task InitializeAsync()
        {
            Clinic = await ClinicalReportsClinic.OpenAsync("2026-10-01 09:00");
            var ann = await Clinic.CourseAsync("Ann");
            var ben = await Clinic.CourseAsync("Ben");
            var cat = await Clinic.CourseAsync("Cat");
            var dan = await Clinic.CourseAsync("Dan");
            await Clinic.BookingAsync(ann, 1, "2026-10-18 23:30", BookingStatus.Completed);
            await Clinic.BookingAsync(ann, 2, "2026-10-19 00:30", BookingStatus.Completed);
            await Clinic.BookingAsync(ann, 3, "2026-10-20 10:00", BookingStatus.Completed);
            await Clinic.BookingAsync(ben, 1, "2026-10-25 10:00", BookingStatus.Completed);
            await Clinic.BookingAsync(ben, 2, "2026-10-25 23:30", BookingStatus.Completed);
            await Clinic.BookingAsync(cat, 1, "2026-10-26 10:00", BookingStatus.Completed);
            await Clinic.BookingAsync(cat, 2, "2026-11-01 23:30", BookingStatus.Completed);
            await Clinic.BookingAsync(cat, 3, "2026-11-02 00:30", BookingStatus.Completed);
            await Clinic.BookingAsync(dan, 1, "2026-10-27 10:00", BookingStatus.NoShow);
            await Clinic.BookingAsync(dan, 1, "2026-10-28 10:00", BookingStatus.Cancelled);

            Clinic.At("2026-10-19 09:00");
            await Clinic.SideEffectAsync(ann.PatientId, SideEffectKind.Redness, Severity.Mild, "2026-10-18");
            Clinic.At("2026-10-19 12:00");
            await Clinic.SideEffectAsync(ann.PatientId, SideEffectKind.Redness, Severity.Mild, "2026-10-19");

            Clinic.At("2026-10-21 10:00");
            var e3 = await Clinic.SideEffectAsync(ann.PatientId, SideEffectKind.Infection, Severity.Moderate, "2026-10-21");
            Clinic.At("2026-10-21 14:00");
            await Clinic.ReviewAsync(e3.Id, ReviewOutcome.ContinueWithChanges);

            Clinic.At("2026-10-24 20:00");
            var e4 = await Clinic.SideEffectAsync(ben.PatientId, SideEffectKind.Bleeding, Severity.Mild, "2026-10-24");
            Clinic.At("2026-10-25 20:00");
            await Clinic.ReviewAsync(e4.Id, ReviewOutcome.ContinueCourse);

            Clinic.At("2026-10-26 12:00");
            await Clinic.SideEffectAsync(ben.PatientId, SideEffectKind.Irritation, Severity.Severe, "2026-10-26");

            Clinic.At("2026-10-28 10:00");
            var e8 = await Clinic.SideEffectAsync(dan.PatientId, SideEffectKind.Redness, Severity.Moderate, "2026-10-28");
            Clinic.At("2026-10-29 10:00");
            await Clinic.ReviewAsync(e8.Id, ReviewOutcome.ContinueCourse);

            Clinic.At("2026-11-01 12:00");
            var e6 = await Clinic.SideEffectAsync(cat.PatientId, SideEffectKind.Peeling, Severity.Moderate, "2026-11-01");
            Clinic.At("2026-11-01 22:00");
            await Clinic.ReviewAsync(e6.Id, ReviewOutcome.StopCourse);

            Clinic.At("2026-11-02 10:00");
            await Clinic.SideEffectAsync(dan.PatientId, SideEffectKind.Bruising, Severity.Mild, "2026-11-02");

            Clinic.At("2026-11-03 10:00");
        }

        public Task DisposeAsync()
        {
            Clinic.Dispose();
            return Task.CompletedTask;
        }
    }
}
