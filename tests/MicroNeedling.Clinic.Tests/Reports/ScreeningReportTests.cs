using MicroNeedling.Clinic.Bookings;
using MicroNeedling.Clinic.Reports;
using MicroNeedling.Clinic.Screening;
using MicroNeedling.Clinic.Tests.Support;

namespace MicroNeedling.Clinic.Tests.Reports;

/// <summary>
/// Screenings counted by hand against the report of Monday 19 October to Sunday 1 November 2026: two weeks, the first
/// of which ends on the day the clocks go back (Sunday 25 October). All through the real screening, check-in and
/// clearance services; times are London's.
/// </summary>
/// <remarks>
/// <code>
/// when               who    kind         answers                               outcome             week
/// Thu 1 Oct          Pia    stand-alone  none (then a course)                  suitable            outside
/// Thu 1 Oct          Rex    stand-alone  none (then a course)                  suitable            outside
/// Sun 18 Oct 10:00   Olga   stand-alone  none                                  suitable            outside
/// Mon 19 Oct 00:20   Bella  stand-alone  pregnant                              clearance required  1
///   clearance recorded Mon 19 Oct 00:30 BST, which is Sunday 18 Oct 23:30 UTC                          1
/// Mon 19 Oct 10:00   Ada    stand-alone  eczema, psoriasis                     not suitable        1
/// Wed 21 Oct 10:00   Cleo   stand-alone  none, but 16 years old                not suitable (age)  1
/// Thu 22 Oct 10:00   Dora   stand-alone  radiation 22 Aug 2026 (recent)        clearance required  1
/// Thu 22 Oct 10:00   Edna   stand-alone  radiation 10 Jan 2024 (not recent)    suitable            1
/// Sun 25 Oct 09:00   Pia    re-screen    none                                  suitable            1
/// Mon 26 Oct 09:00   Rex    re-screen    active acne                           not suitable        2
/// Sat 31 Oct 10:00   Flo    stand-alone  pregnant, open wounds                 not suitable        2
/// Mon 2 Nov 00:30    Gina   stand-alone  eczema                                not suitable        outside
///   clearance for Dora recorded Mon 2 Nov 00:35                                                          outside
/// </code>
/// </remarks>
public sealed class ScreeningReportTests(ScreeningReportTests.ElevenPatients data) : IClassFixture<ScreeningReportTests.ElevenPatients>
{
    private Task<Report> ReportAsync() => data.Clinic.ReportAsync(ReportKind.Screening, "2026-10-19", "2026-11-01");

    [Fact]
    public async Task Outcomes_are_counted_per_week_with_stand_alone_screenings_apart_from_check_in_re_screens()
    {
        var report = await ReportAsync();
        report.AssertWellFormed();

        // suitable, clearance required, not suitable, stand-alone, re-screens
        Assert.Equal(
            [
                "19 Oct 2026: 2 2 2 5 1", // Edna, Pia (re-screen); Bella, Dora; Ada, Cleo
                "26 Oct 2026: 0 0 2 1 1", // Rex (re-screen), Flo
            ],
            report.Table("outcomes-by-week").Lines());

        // stand-alone, re-screens
        Assert.Equal(["Suitable: 1 1", "Clearance required: 2 0", "Not suitable: 3 1"], report.Table("outcomes-by-kind").Lines());

        // 8 screenings: 2 suitable, 2 clearance required, 4 not suitable (50 %), 1 clearance recorded
        Assert.Equal(["19 Oct 2026 to 1 Nov 2026: 8 2 2 4 50 1"], report.Table("summary").Lines());
    }

    [Fact]
    public async Task Each_finding_behind_not_suitable_or_a_clearance_is_counted_once_per_screening_that_had_it()
    {
        var report = await ReportAsync();

        // stand-alone, re-screens, all
        Assert.Equal(
            [
                "Not suitable: eczema: 1 0 1", // Ada (Gina's is outside)
                "Not suitable: psoriasis: 1 0 1", // Ada
                "Not suitable: active acne: 0 1 1", // Rex at check-in
                "Not suitable: open wounds: 1 0 1", // Flo
                "Not suitable: under the minimum age: 1 0 1", // Cleo
                "Clearance required: pregnancy: 2 0 2", // Bella, and Flo although her wounds made her not suitable
                "Clearance required: recent radiation therapy: 1 0 1", // Dora; Edna's was too long ago
            ],
            report.Table("reasons").Lines());
    }

    [Fact]
    public async Task A_clearance_counts_in_the_clinic_local_week_it_was_recorded()
    {
        var report = await ReportAsync();

        // clearances recorded, screenings needing one: Bella's at 00:30 on Monday 19 Oct is Sunday in UTC but Monday in London
        Assert.Equal(["19 Oct 2026: 1 2", "26 Oct 2026: 0 0"], report.Table("clearances-by-week").Lines());
    }

    [Fact]
    public async Task By_month_the_screenings_of_october_and_november_fall_in_their_months()
    {
        var report = await data.Clinic.ReportAsync(ReportKind.Screening, "2026-10-01", "2026-11-30", ReportGrouping.Month);

        // October: Pia, Rex, Olga, Edna, Pia again suitable; Bella, Dora clearance; Ada, Cleo, Rex, Flo not suitable.
        // November: Gina not suitable. Stand-alone / re-screens: 9 / 2 and 1 / 0.
        Assert.Equal(["Oct 2026: 5 2 4 9 2", "Nov 2026: 0 0 1 1 0"], report.Table("outcomes-by-month").Lines());
        Assert.Equal(["Oct 2026: 1 2", "Nov 2026: 1 0"], report.Table("clearances-by-month").Lines());
    }

    public sealed class ElevenPatients : IAsyncLifetime
    {
        public ClinicalReportsClinic Clinic { get; private set; } = default!;

        private ClinicTestHost Host => Clinic.Host;

        public async Task InitializeAsync()
        {
            Clinic = await ClinicalReportsClinic.OpenAsync("2026-10-01 09:00");
            var pia = await Clinic.CourseAsync("Pia");
            var rex = await Clinic.CourseAsync("Rex");

            Clinic.At("2026-10-18 10:00");
            await Host.ScreenSuitableAsync(await Host.CreatePatientAsync("Olga"));

            Clinic.At("2026-10-19 00:20");
            var bella = await Host.ScreenNeedingClearanceAsync(await Host.CreatePatientAsync("Bella"));
            Clinic.At("2026-10-19 00:30");
            await ClearAsync(bella.Id, "2026-10-19");

            Clinic.At("2026-10-19 10:00");
            await Host.ScreenAsync(await Host.CreatePatientAsync("Ada"), c => (c.Eczema, c.Psoriasis) = (true, true));

            Clinic.At("2026-10-21 10:00");
            var cleo = await Host.ScreenSuitableAsync(await Host.CreatePatientAsync("Cleo", dateOfBirth: new DateOnly(2010, 1, 1)));
            Assert.Equal(ScreeningOutcome.NotSuitable, cleo.Outcome);

            Clinic.At("2026-10-22 10:00");
            var dora = await Host.ScreenAsync(await Host.CreatePatientAsync("Dora"), c => (c.RadiationTherapy, c.RadiationDate) = (true, new DateOnly(2026, 8, 22)));
            var edna = await Host.ScreenAsync(await Host.CreatePatientAsync("Edna"), c => (c.RadiationTherapy, c.RadiationDate) = (true, new DateOnly(2024, 1, 10)));
            Assert.Equal((ScreeningOutcome.ClearanceRequired, ScreeningOutcome.Suitable), (dora.Outcome, edna.Outcome));

            Clinic.At("2026-10-25 09:00");
            await Clinic.ReScreenAsync(await Clinic.BookingAsync(pia, 1, "2026-10-25 10:00", BookingStatus.CheckedIn), _ => { });

            Clinic.At("2026-10-26 09:00");
            var stopped = await Clinic.ReScreenAsync(await Clinic.BookingAsync(rex, 1, "2026-10-26 10:00", BookingStatus.CheckedIn), c => c.ActiveAcne = true);
            Assert.True(stopped.SittingStopped);

            Clinic.At("2026-10-31 10:00");
            await Host.ScreenAsync(await Host.CreatePatientAsync("Flo"), c => (c.Pregnancy, c.OpenWounds) = (PregnancyAnswer.Yes, true));

            Clinic.At("2026-11-02 00:30");
            await Host.ScreenNotSuitableAsync(await Host.CreatePatientAsync("Gina"));
            Clinic.At("2026-11-02 00:35");
            await ClearAsync(dora.Id, "2026-11-01");
        }

        private async Task ClearAsync(int screeningId, string clearedOn)
        {
            var command = Commands.Clearance(screeningId);
            command.ClearedOn = DateOnly.Parse(clearedOn);
            Assert.True((await Host.RecordClearanceAsync(command)).Succeeded);
        }

        public Task DisposeAsync()
        {
            Clinic.Dispose();
            return Task.CompletedTask;
        }
    }
}
