using MicroNeedling.Clinic.Bookings;
using MicroNeedling.Clinic.ClinicSetup;
using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.Plans;
using MicroNeedling.Clinic.Sittings;
using MicroNeedling.Clinic.Staff;
using MicroNeedling.Clinic.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace MicroNeedling.Clinic.Tests.Sittings;

/// <summary>Charting through the real ChartService on SQLite: completing writes version 1; an amendment never changes it.</summary>
public sealed class AmendingAChartTests : IDisposable
{
    private readonly ClinicTestHost host = new();

    public void Dispose() => host.Dispose();

    /// <summary>Sitting 1 of a new course, booked today at 10:00 London time and checked in.</summary>
    private async Task<(CoursePlan Plan, int BookingId)> CheckedInSittingAsync()
    {
        var patientId = await host.CreateScreenedPatientAsync();
        var plan = await host.PlanCourseAsync(patientId);
        var bookingId = await host.QueryAsync(async db =>
        {
            var clinician = new StaffUser { UserName = "chart@tests.clinic", NormalizedUserName = "CHART@TESTS.CLINIC", DisplayName = "Dr Chart" };
            db.Users.Add(clinician);
            var room = new Room { Name = "Room 1" };
            db.Rooms.Add(room);
            var start = host.UtcNow;
            var booking = new Booking
            {
                PlannedSittingId = plan.Sittings.Single(s => s.Number == 1).Id,
                PatientId = patientId,
                ClinicianId = clinician.Id,
                Room = room,
                StartUtc = start,
                NeedlingStartUtc = start.AddMinutes(30),
                EndUtc = start.AddMinutes(60),
                Status = BookingStatus.CheckedIn,
            };
            db.Bookings.Add(booking);
            await db.SaveChangesAsync();
            return booking.Id;
        });

        // Today's re-screen at check-in, all "no": the guard requires it before a chart.
        var reScreen = await host.RunAsync<CheckInService, ServiceResult<ReScreenOutcome>>(s => s.ReScreenAsync(bookingId, Commands.NoToEverything(0)));
        Assert.True(reScreen.Succeeded);
        host.Clock.Advance(TimeSpan.FromHours(1)); // a chart is saved once the needling has happened
        return (plan, bookingId);
    }

    private static ChartSittingCommand Chart(int bookingId, decimal depth = 0.75m) => Commands.Chart(bookingId, depth);

    private Task<ServiceResult<ChartOutcome>> CompleteAsync(ChartSittingCommand command) =>
        host.RunAsync<ChartService, ServiceResult<ChartOutcome>>(s => s.CompleteAsync(command));

    private Task<ServiceResult<ChartOutcome>> AmendAsync(ChartSittingCommand command) =>
        host.RunAsync<ChartService, ServiceResult<ChartOutcome>>(s => s.AmendAsync(command));

    private Task<List<SittingChart>> ChartsAsync(int bookingId) =>
        host.QueryAsync(db => db.SittingCharts.AsNoTracking().Include(c => c.Areas).Where(c => c.BookingId == bookingId).OrderBy(c => c.Version).ToListAsync());

    private static void Succeeded(ServiceResult result) =>
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => $"{e.Field}: {e.Message}")));

    [Fact]
    public async Task A_chart_with_the_needling_still_to_come_is_refused_next_to_the_field_and_the_sitting_stays_open()
    {
        var (_, bookingId) = await CheckedInSittingAsync(); // the clock now reads 11:00
        var early = Chart(bookingId);
        early.ProcedureStart = new TimeOnly(11, 30);
        early.ProcedureEnd = new TimeOnly(11, 45);

        var result = await CompleteAsync(early);

        Assert.Contains(result.Errors, e => e.Field == nameof(ChartSittingCommand.ProcedureEnd) && e.Message.Contains("later than now (11:00)"));
        Assert.Empty(await ChartsAsync(bookingId));
        Assert.Equal(BookingStatus.CheckedIn, await host.QueryAsync(db => db.Bookings.Where(b => b.Id == bookingId).Select(b => b.Status).SingleAsync()));
    }

    [Fact]
    public async Task Completing_stores_version_one_in_utc_and_completes_the_booking()
    {
        var (_, bookingId) = await CheckedInSittingAsync();

        var result = await CompleteAsync(Chart(bookingId));

        Succeeded(result);
        var chart = Assert.Single(await ChartsAsync(bookingId));
        Assert.Equal(1, chart.Version);
        Assert.True(chart.IsCurrent);
        Assert.Null(chart.AmendmentReason);
        Assert.Equal(new DateTime(2026, 3, 10, 10, 30, 0, DateTimeKind.Utc), chart.ProcedureStartUtc);
        Assert.Equal(TestUser.DefaultName, chart.CreatedBy);
        var booking = await host.QueryAsync(db => db.Bookings.Include(b => b.History).SingleAsync(b => b.Id == bookingId));
        Assert.Equal(BookingStatus.Completed, booking.Status);
        Assert.Contains(booking.History, e => e.Kind == BookingEventKind.Completed);
    }

    [Fact]
    public async Task An_amendment_started_from_an_older_version_is_refused_so_a_colleagues_amendment_is_not_undone()
    {
        var (_, bookingId) = await CheckedInSittingAsync();
        Succeeded(await CompleteAsync(Chart(bookingId)));
        var first = Chart(bookingId, depth: 0.8m);
        first.AmendmentReason = "Depth was 0.8 mm.";
        first.BaseVersion = 1;
        Succeeded(await AmendAsync(first));

        var stale = Chart(bookingId, depth: 0.6m);
        stale.AmendmentReason = "Depth was 0.6 mm.";
        stale.BaseVersion = 1;
        var refused = await AmendAsync(stale);

        Assert.Contains(refused.Errors, e => e.Message.Contains("now version 2"));
        var charts = await ChartsAsync(bookingId);
        Assert.Equal(2, charts.Count);
        Assert.Equal(0.8m, charts.Single(c => c.IsCurrent).Areas.Single().DepthMm);
    }

    [Fact]
    public async Task An_amendment_keeps_the_original_and_becomes_the_current_version_with_its_reason()
    {
        var (_, bookingId) = await CheckedInSittingAsync();
        Succeeded(await CompleteAsync(Chart(bookingId, depth: 0.75m)));
        var original = Assert.Single(await ChartsAsync(bookingId));
        host.Clock.Advance(TimeSpan.FromHours(2));
        host.User.UserName = "clinician.two@tests.clinic";

        var amendment = Chart(bookingId, depth: 1.0m);
        amendment.AmendmentReason = "Depth typed wrongly; the pen was set to 1.0 mm.";
        Succeeded(await AmendAsync(amendment));

        var charts = await ChartsAsync(bookingId);
        Assert.Equal(2, charts.Count);
        var first = charts[0];
        var second = charts[1];
        Assert.Equal(original.Id, first.Id);
        Assert.False(first.IsCurrent);
        Assert.Equal(0.75m, Assert.Single(first.Areas).DepthMm);
        Assert.Equal(original.CreatedAtUtc, first.CreatedAtUtc);
        Assert.Equal(TestUser.DefaultName, first.CreatedBy);
        Assert.Null(first.AmendmentReason);
        Assert.Equal(2, second.Version);
        Assert.True(second.IsCurrent);
        Assert.Equal(1.0m, Assert.Single(second.Areas).DepthMm);
        Assert.Equal("Depth typed wrongly; the pen was set to 1.0 mm.", second.AmendmentReason);
        Assert.Equal("clinician.two@tests.clinic", second.CreatedBy);
    }

    [Fact]
    public async Task An_amendment_without_a_reason_is_refused_and_changes_nothing()
    {
        var (_, bookingId) = await CheckedInSittingAsync();
        Succeeded(await CompleteAsync(Chart(bookingId)));

        var result = await AmendAsync(Chart(bookingId, depth: 1.0m));

        Assert.Contains(result.Errors, e => e.Field == nameof(ChartSittingCommand.AmendmentReason));
        Assert.Single(await ChartsAsync(bookingId));
    }

    [Fact]
    public async Task Completing_twice_keeps_one_chart()
    {
        var (_, bookingId) = await CheckedInSittingAsync();
        Succeeded(await CompleteAsync(Chart(bookingId)));

        var again = await CompleteAsync(Chart(bookingId));

        Assert.Contains(again.Errors, e => e.Message.Contains("already charted"));
        Assert.Single(await ChartsAsync(bookingId));
    }

    [Fact]
    public async Task Warnings_need_a_confirm_before_anything_is_stored()
    {
        var (_, bookingId) = await CheckedInSittingAsync();
        var shortNumbing = Chart(bookingId);
        shortNumbing.NumbingRemoved = new TimeOnly(10, 15);

        var first = await CompleteAsync(shortNumbing);
        Assert.True(first.Value!.NeedsConfirmation);
        Assert.Empty(await ChartsAsync(bookingId));

        shortNumbing.ConfirmWarnings = true;
        Succeeded(await CompleteAsync(shortNumbing));
        Assert.Single(await ChartsAsync(bookingId));
    }
}
