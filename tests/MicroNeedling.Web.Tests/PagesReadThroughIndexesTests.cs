using System.Net;
using MicroNeedling.Clinic.Bookings;
using MicroNeedling.Clinic.Staff;
using MicroNeedling.Testing;

namespace MicroNeedling.Web.Tests;

/// <summary>
/// The patients search and the day calendar must cost the same at a million sittings as at ten thousand (issue 19,
/// PostgreSQL under load): every query they run reaches the tables that grow with the clinic's history through an
/// index, read as <see cref="GrowingTableScans"/> reads plans. On PostgreSQL at 1M the search walked the whole
/// (LastName, FirstName) index in name order, hoping to meet its 20 matches early, and read 36,000 patients for "smi".
/// The clock stands at Tuesday 10 March 2026.
/// </summary>
[Collection(SharedApp.Name)]
public sealed class PagesReadThroughIndexesTests(ClinicAppFactory app)
{
    private async Task AssertNoScansAsync(string what)
    {
        var queries = GrowingTableScans.Queries(app.Sql.Commands);
        Assert.NotEmpty(queries);
        var scans = await GrowingTableScans.InAsync(app.ConnectionString, queries);
        Assert.True(scans.Count == 0, $"{what} reads a growing table without an index:\n" + string.Join("\n", scans));
    }

    [Fact]
    public async Task The_patients_search_reads_the_patients_through_the_name_indexes()
    {
        var client = await app.LoginAsAsync(Roles.FrontDesk);
        await app.CreatePatientAsync("Smithfield");
        await app.CreatePatientAsync("Smirnova");
        await app.CreatePatientAsync("Abbott");
        app.Sql.Clear();

        var response = await client.GetAsync("/Patients?q=smi");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Smithfield", html);
        Assert.DoesNotContain("Abbott", html);
        await AssertNoScansAsync("The patients search");
    }

    [Fact]
    public async Task The_day_calendar_of_all_clinicians_reads_every_growing_table_through_an_index()
    {
        var client = await app.LoginAsAsync(Roles.FrontDesk);
        var clinician = await app.CreateClinicianAsync();
        var room = await app.CreateRoomAsync();
        await app.InsertBookingAsync(await app.CreateBookablePatientAsync(), 1, clinician, room, new DateTime(2026, 3, 11, 9, 0, 0, DateTimeKind.Utc), BookingStatus.Booked);
        await app.InsertBookingAsync(await app.CreateBookablePatientAsync(), 1, clinician, room, new DateTime(2026, 3, 11, 11, 0, 0, DateTimeKind.Utc), BookingStatus.Booked);
        app.Sql.Clear();

        var response = await client.GetAsync("/Calendar?view=day&by=clinician&date=2026-03-11");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await AssertNoScansAsync("The day calendar");
    }
}
