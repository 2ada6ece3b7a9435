using MicroNeedling.Clinic.Bookings;
using MicroNeedling.Clinic.Reports;
using MicroNeedling.Clinic.Sittings;

namespace MicroNeedling.Clinic.Tests.Reports;

/// <summary>
/// Nine courses whose lives are counted by hand against the report of Monday 5 October to Sunday 1 November 2026, four
/// weeks of which the third has the clocks going back (Sunday 25 October, BST to GMT). All times are London's.
/// </summary>
/// <remarks>
/// <code>
/// course  planned            sittings (completed unless said)                      ends
/// Anna    1 Jul              1: 7 Sep; 2: 5 Oct (charted)                          completed Mon 5 Oct   (week 1)
/// Bea     1 Jul              1: 10 Aug; 2: no-show 25 Aug, done 1 Sep; 3: 20 Oct   completed Tue 20 Oct  (week 3)
/// Cara    1 Jul              1: 10 Aug                                             cancelled Wed 14 Oct  (week 2)
/// Dana    1 Jul              1: 1 Sep; infection reviewed "stop" Sun 25 Oct 12:00  cancelled Sun 25 Oct  (week 3, after review)
/// Fay     1 Jul              1: 1 Sep; 2: 5 Oct; 3: Mon 2 Nov                      completed 2 Nov: outside the period
/// Gil     Sun 4 Oct 23:30    (BST; 22:30 UTC)                                      planned outside the period
/// Gwen    Mon 5 Oct 00:30    (BST; still Sunday 4 Oct 23:30 in UTC)                planned in week 1
/// Eve     Tue 6 Oct 10:00                                                          planned in week 1
/// Hal     Sun 1 Nov 23:30    (GMT)                                                 planned in week 4
/// </code>
/// Intervals of the courses completed in the period, rule 28–42 days: Anna 7 Sep → 5 Oct = 28 (within, on the minimum);
/// Bea 10 Aug → 1 Sep = 22 (shorter), 1 Sep → 20 Oct = 49 (longer). Median of 22, 28, 49 = 28.
/// </remarks>
public sealed class CourseReportTests(CourseReportTests.NineCourses data) : IClassFixture<CourseReportTests.NineCourses>
{
    [Fact]
    public async Task Courses_are_counted_in_the_clinic_local_week_they_were_planned_completed_or_stopped()
    {
        var report = await data.Clinic.ReportAsync(ReportKind.Courses, "2026-10-05", "2026-11-01");
        report.AssertWellFormed();

        // started, completed, stopped, of which after a side-effect review
        Assert.Equal(
            [
                "5 Oct 2026: 2 1 0 0", // Gwen, Eve; Anna
                "12 Oct 2026: 0 0 1 0", // Cara
                "19 Oct 2026: 0 1 1 1", // Bea; Dana, stopped after the review
                "26 Oct 2026: 1 0 0 0", // Hal at 23:30 on the last day
            ],
            report.Table("by-week").Lines());

        // started 3, completed 2, stopped 2 (1 after a review), mean sittings (2 + 3) / 2, median interval 28
        Assert.Equal(["5 Oct 2026 to 1 Nov 2026: 3 2 2 1 2.5 28"], report.Table("summary").Lines());
    }

    [Fact]
    public async Task By_month_october_holds_what_happened_on_its_clinic_local_days()
    {
        // October: Gil (4 Oct 23:30), Gwen, Eve started; Anna and Bea completed; Cara and Dana stopped. Hal (1 Nov) is not.
        var report = await data.Clinic.ReportAsync(ReportKind.Courses, "2026-10-01", "2026-10-31", ReportGrouping.Month);

        Assert.Equal(["Oct 2026: 3 2 2 1"], report.Table("by-month").Lines());
    }

    [Fact]
    public async Task Sittings_per_completed_course_count_completed_bookings_only_and_leave_out_a_course_completed_after_the_period()
    {
        var report = await data.Clinic.ReportAsync(ReportKind.Courses, "2026-10-05", "2026-11-01");

        // Anna 2 sittings, Bea 3 (her no-show does not count); Fay, completed on 2 Nov, is not in the period.
        Assert.Equal(["2 sittings: 1 50", "3 sittings: 1 50"], report.Table("sittings-per-course").Lines());
    }

    [Fact]
    public async Task Days_between_sittings_are_held_against_each_courses_interval_rule()
    {
        var report = await data.Clinic.ReportAsync(ReportKind.Courses, "2026-10-05", "2026-11-01");

        // intervals, share of intervals, median days: Bea's 22, Anna's 28, Bea's 49
        Assert.Equal(
            [
                "Shorter than the minimum: 1 33.3 22",
                "Within the rule: 1 33.3 28",
                "Longer than the maximum: 1 33.3 49",
            ],
            report.Table("intervals").Lines());
    }

    [Fact]
    public async Task A_period_without_courses_has_empty_weeks_and_no_median()
    {
        var report = await data.Clinic.ReportAsync(ReportKind.Courses, "2026-06-01", "2026-06-14");

        Assert.Equal(["1 Jun 2026: 0 0 0 0", "8 Jun 2026: 0 0 0 0"], report.Table("by-week").Lines());
        Assert.Equal(["1 Jun 2026 to 14 Jun 2026: 0 0 0 0 - -"], report.Table("summary").Lines());
        Assert.Empty(report.Table("sittings-per-course").Rows);
        Assert.All(report.Table("intervals").Lines(), line => Assert.EndsWith(": 0 - -", line));
    }

    /// <summary>The nine courses of the table above, built once for the class, in time order.</summary>
    public sealed class NineCourses : IAsyncLifetime
    {
        public ClinicalReportsClinic Clinic { get; private set; } = default!;

        public async Task InitializeAsync()
        {
            Clinic = await ClinicalReportsClinic.OpenAsync("2026-07-01 09:00");
            var anna = await Clinic.CourseAsync("Anna", sittings: 2);
            var bea = await Clinic.CourseAsync("Bea");
            var cara = await Clinic.CourseAsync("Cara");
            var dana = await Clinic.CourseAsync("Dana");
            var fay = await Clinic.CourseAsync("Fay");
            // Two hours apart where they share a day: the clinician and the room take one sitting at a time (on PostgreSQL an
            // exclusion constraint refuses overlaps even for rows put in directly).
            await Clinic.BookingAsync(anna, 1, "2026-09-07 10:00", BookingStatus.Completed);
            await Clinic.BookingAsync(bea, 1, "2026-08-10 10:00", BookingStatus.Completed);
            await Clinic.BookingAsync(bea, 2, "2026-08-25 10:00", BookingStatus.NoShow);
            await Clinic.BookingAsync(bea, 2, "2026-09-01 10:00", BookingStatus.Completed);
            await Clinic.BookingAsync(cara, 1, "2026-08-10 12:00", BookingStatus.Completed);
            await Clinic.BookingAsync(dana, 1, "2026-09-01 12:00", BookingStatus.Completed);
            await Clinic.BookingAsync(fay, 1, "2026-09-01 14:00", BookingStatus.Completed);
            await Clinic.BookingAsync(fay, 2, "2026-10-05 14:00", BookingStatus.Completed);

            Clinic.At("2026-10-04 23:30");
            await Clinic.CourseAsync("Gil");
            Clinic.At("2026-10-05 00:30");
            await Clinic.CourseAsync("Gwen");

            Clinic.At("2026-10-05 09:00");
            Assert.True((await Clinic.SittingTodayAsync(anna, 2)).CourseCompleted);

            Clinic.At("2026-10-06 10:00");
            await Clinic.CourseAsync("Eve");

            Clinic.At("2026-10-14 10:00");
            Assert.True((await Clinic.Host.CancelPlanAsync(cara.Id, "The patient moved abroad.")).Succeeded);

            Clinic.At("2026-10-20 09:00");
            Assert.True((await Clinic.SittingTodayAsync(bea, 3)).CourseCompleted);

            Clinic.At("2026-10-25 10:00");
            var infection = await Clinic.SideEffectAsync(dana.PatientId, SideEffectKind.Infection, Severity.Moderate, "2026-10-24");
            Clinic.At("2026-10-25 12:00");
            await Clinic.ReviewAsync(infection.Id, ReviewOutcome.StopCourse);

            Clinic.At("2026-11-01 23:30");
            await Clinic.CourseAsync("Hal");

            Clinic.At("2026-11-02 09:00");
            Assert.True((await Clinic.SittingTodayAsync(fay, 3)).CourseCompleted);
        }

        public Task DisposeAsync()
        {
            Clinic.Dispose();
            return Task.CompletedTask;
        }
    }
}
