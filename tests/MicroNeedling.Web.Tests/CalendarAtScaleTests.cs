using System.Net;
using MicroNeedling.Clinic.Data;
using MicroNeedling.Clinic.Plans;
using MicroNeedling.Clinic.Scheduling;
using MicroNeedling.Clinic.Staff;
using MicroNeedling.Testing;
using MicroNeedling.Tests;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace MicroNeedling.Web.Tests;

/// <summary>
/// The calendar must not slow down as bookings pile up: a fixed number of SQL commands per page whatever the number
/// of bookings (no N+1), and the bookings query answered from an index bounded by the visible window. No timings here:
/// timings live in the benchmarks.
/// </summary>
[Collection(SharedApp.Name)]
public sealed class CalendarAtScaleTests(ClinicAppFactory app)
{
    /// <summary>
    /// Puts <paramref name="count"/> bookings on one day straight into the database (the rules are not under test here),
    /// as a full clinic would have them: eight hourly slots from 09:00, a clinician and a room per column of slots, and no
    /// patient in two places at once. Nothing overlaps, so PostgreSQL's exclusion constraints accept them too.
    /// </summary>
    private async Task FillDayAsync(DateOnly day, int count)
    {
        const int SlotsPerDay = 8;
        var columns = new List<(string Clinician, int Room)>();
        while (columns.Count * SlotsPerDay < count)
        {
            columns.Add((await app.CreateClinicianAsync(), await app.CreateRoomAsync()));
        }

        var plans = new List<CoursePlan>();
        while (plans.Sum(p => p.SittingCount) < count)
        {
            plans.Add(await app.CreateBookablePatientAsync());
        }

        // A patient's sittings are consecutive in this list, and fewer than eight, so each falls in another hour.
        var sittings = plans.SelectMany(p => p.Sittings.Select(s => (Plan: p, s.Number))).Take(count).ToList();
        for (var i = 0; i < sittings.Count; i++)
        {
            var start = day.ToDateTime(new TimeOnly(9, 0), DateTimeKind.Utc).AddHours(i % SlotsPerDay);
            var (clinician, room) = columns[i / SlotsPerDay];
            await app.InsertBookingAsync(sittings[i].Plan, sittings[i].Number, clinician, room, start, BookingStatus.Booked);
        }
    }

    private async Task<int> CommandsForAsync(HttpClient client, string url)
    {
        await client.GetAsync(url);
        app.Sql.Clear();
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return app.Sql.Commands.Count;
    }

    [Theory]
    [InlineData("day")]
    [InlineData("week")]
    public async Task The_calendar_runs_the_same_number_of_sql_commands_for_3_and_for_60_bookings(string view)
    {
        var client = await app.LoginAsAsync(Roles.FrontDesk);
        var quiet = new DateOnly(2026, 6, 1);
        var busy = new DateOnly(2026, 6, 8);
        await FillDayAsync(quiet, 3);
        await FillDayAsync(busy, 60);

        var few = await CommandsForAsync(client, $"/Calendar?date={quiet:yyyy-MM-dd}&view={view}");
        var many = await CommandsForAsync(client, $"/Calendar?date={busy:yyyy-MM-dd}&view={view}");

        Assert.Equal(few, many);
        Assert.InRange(many, 1, 12);
    }

    [OnlyOn(DatabaseProvider.Sqlite, "reads SQLite's EXPLAIN QUERY PLAN; both migration sets create the same index")]
    public async Task The_calendar_reads_bookings_through_an_index_on_the_start_time()
    {
        var client = await app.LoginAsAsync(Roles.FrontDesk);
        await FillDayAsync(new DateOnly(2026, 6, 15), 6);
        app.Sql.Clear();

        await client.GetAsync("/Calendar?date=2026-06-15");

        var query = app.Sql.Commands.Single(c => c.Sql.Contains("FROM \"Bookings\"") && c.Sql.Contains("\"StartUtc\" >="));
        var plan = await ExplainAsync(query);
        Assert.Contains(plan, line => line.Contains("USING INDEX IX_Bookings_StartUtc") || line.Contains("USING COVERING INDEX IX_Bookings_StartUtc"));
        Assert.DoesNotContain(plan, line => line.StartsWith("SCAN b", StringComparison.Ordinal) || line == "SCAN Bookings");
    }

    private async Task<List<string>> ExplainAsync(LoggedCommand query)
    {
        await using var connection = new SqliteConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + query.Sql;
        foreach (var (name, value) in query.Parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(3));
        }

        return lines;
    }
}
