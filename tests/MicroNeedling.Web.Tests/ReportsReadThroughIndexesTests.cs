using MicroNeedling.Clinic.Bookings;
using MicroNeedling.Clinic.Data;
using MicroNeedling.Clinic.Plans;
using MicroNeedling.Clinic.Reports;
using MicroNeedling.Clinic.Sittings;
using MicroNeedling.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MicroNeedling.Web.Tests;

/// <summary>
/// Every report must stay fast at a million sittings (issue 18), which it can only do if each of its queries reaches the
/// tables that grow with the clinic's history through an index bounded by the report's period. This reads the query
/// plan of every SELECT a report runs, on the engine of the test run, as <see cref="GrowingTableScans"/> reads plans:
/// SQLite's EXPLAIN QUERY PLAN must show no SCAN of a growing table, and PostgreSQL's EXPLAIN (planned as if each growing
/// table held a million rows, so that a tiny test table does not make a scan look cheap) must show neither a sequential
/// scan nor an index scan without an index condition on one. The timings themselves are the load harness's
/// (docs/performance.md).
/// </summary>
[Collection(SharedApp.Name)]
public sealed class ReportsReadThroughIndexesTests(ClinicAppFactory app)
{
    public static TheoryData<ReportKind, ReportGrouping> Reports()
    {
        var data = new TheoryData<ReportKind, ReportGrouping>();
        foreach (var kind in Enum.GetValues<ReportKind>())
        {
            data.Add(kind, ReportGrouping.Week);
            data.Add(kind, ReportGrouping.Month);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Reports))]
    public async Task The_report_reads_every_growing_table_through_an_index(ReportKind kind, ReportGrouping by)
    {
        await SomeHistoryAsync();
        app.Sql.Clear();

        var period = new ReportPeriod(new DateOnly(2026, 1, 1), new DateOnly(2026, 6, 30), by);
        await app.GetAsync(sp => sp.GetRequiredService<ReportService>().BuildAsync(kind, period));

        var queries = GrowingTableScans.Queries(app.Sql.Commands);
        Assert.NotEmpty(queries);
        var scans = await GrowingTableScans.InAsync(app.ConnectionString, queries);

        Assert.True(scans.Count == 0, $"The {kind} report ({by}) reads a growing table without an index:\n" + string.Join("\n", scans));
    }

    /// <summary>A little of everything the reports count, so that every query a report can run is run.</summary>
    private async Task SomeHistoryAsync()
    {
        var clinician = await app.CreateClinicianAsync();
        var room = await app.CreateRoomAsync();
        var plan = await app.CreateBookablePatientAsync();
        var start = new DateTime(2026, 2, 2, 10, 0, 0, DateTimeKind.Utc);
        var completed = await app.InsertBookingAsync(plan, 1, clinician, room, start, BookingStatus.Completed);
        await app.InsertBookingAsync(plan, 2, clinician, room, start.AddDays(30), BookingStatus.Completed);
        await app.InsertBookingAsync(plan, 3, clinician, room, start.AddDays(60), BookingStatus.NoShow);
        var cancelled = await app.InsertBookingAsync(plan, 4, clinician, room, start.AddDays(61), BookingStatus.Cancelled);
        await app.InsertBookingAsync(plan, 5, clinician, room, start.AddDays(90), BookingStatus.Booked);

        var stopped = await app.CreateBookablePatientAsync();
        var unsuitable = await app.CreatePatientAsync();
        await app.ScreenAsync(unsuitable, eczema: true);

        await app.GetAsync(async sp =>
        {
            var db = sp.GetRequiredService<ClinicDbContext>();
            db.BookingEvents.Add(new BookingEvent { BookingId = cancelled, Kind = BookingEventKind.Cancelled, CreatedAtUtc = start.AddDays(61).AddHours(-3), CreatedBy = "test" });
            db.SideEffects.Add(new SideEffect
            {
                PatientId = plan.PatientId,
                CoursePlanId = plan.Id,
                BookingId = completed,
                Kind = SideEffectKind.Bruising,
                Severity = Severity.Severe,
                OnsetDate = new DateOnly(2026, 2, 3),
                Description = "Bruising on the left cheek",
                ReviewedAtUtc = start.AddDays(1).AddHours(5),
                ReviewedBy = "test",
                ReviewOutcome = ReviewOutcome.StopCourse,
                CreatedAtUtc = start.AddDays(1),
                CreatedBy = "test",
            });
            await db.SaveChangesAsync();
            await db.CoursePlans.Where(p => p.Id == plan.Id).ExecuteUpdateAsync(p => p
                .SetProperty(x => x.Status, PlanStatus.Completed).SetProperty(x => x.CompletedAtUtc, start.AddDays(90)));
            await db.CoursePlans.Where(p => p.Id == stopped.Id).ExecuteUpdateAsync(p => p
                .SetProperty(x => x.Status, PlanStatus.Cancelled).SetProperty(x => x.CancelledAtUtc, start.AddDays(10)));
            return 0;
        });
    }
}
