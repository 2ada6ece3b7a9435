using System.Net;
using MicroNeedling.Clinic.Bookings;
using MicroNeedling.Clinic.Plans;
using MicroNeedling.Clinic.Staff;
using MicroNeedling.Testing;

namespace MicroNeedling.Web.Tests;

/// <summary>
/// The booking form and its POST must cost the same at a million sittings as at ten thousand (issue 19): every query they
/// run reaches the tables that grow with the clinic's history by a key or through an index bounded by the day booked.
/// Reaching the course "that has this sitting" or the patient "who has a course that has this sitting" through a
/// correlated EXISTS made SQLite, which has no statistics here, walk every course plan and every patient (0.3 s and 0.1 s
/// of each POST at 1M). The plans are read as <see cref="GrowingTableScans"/> reads them; the clock stands at Tuesday
/// 10 March 2026.
/// </summary>
[Collection(SharedApp.Name)]
public sealed class BookingReadsThroughIndexesTests(ClinicAppFactory app)
{
    private static List<KeyValuePair<string, string>> Form(int sittingId, string clinicianId, int roomId, string date, string time, string token) =>
    [
        new("Input.SittingId", sittingId.ToString()),
        new("Input.ClinicianId", clinicianId),
        new("Input.RoomId", roomId.ToString()),
        new("Input.Date", date),
        new("Input.Time", time),
        new("__RequestVerificationToken", token),
    ];

    private static int FirstSitting(CoursePlan plan) => plan.Sittings.Single(s => s.Number == 1).Id;

    private async Task<string> TokenAsync(HttpClient client, int sittingId) =>
        (await client.GetDocumentAsync($"/Bookings/Create?sittingId={sittingId}"))
            .QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

    private async Task AssertNoScansAsync(string what)
    {
        var queries = GrowingTableScans.Queries(app.Sql.Commands);
        Assert.NotEmpty(queries);
        var scans = await GrowingTableScans.InAsync(app.ConnectionString, queries);
        Assert.True(scans.Count == 0, $"{what} reads a growing table without an index:\n" + string.Join("\n", scans));
    }

    [Fact]
    public async Task The_booking_form_for_a_slot_reads_every_growing_table_through_an_index()
    {
        var client = await app.LoginAsAsync(Roles.FrontDesk);
        var clinician = await app.CreateClinicianAsync();
        var room = await app.CreateRoomAsync();
        var plan = await app.CreateBookablePatientAsync();
        var url = $"/Bookings/Create?sittingId={FirstSitting(plan)}&date=2026-03-11&time=10:00&clinicianId={clinician}&roomId={room}";
        app.Sql.Clear();

        var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await AssertNoScansAsync("The booking form");
    }

    [Fact]
    public async Task A_booking_post_that_books_reads_every_growing_table_through_an_index()
    {
        var client = await app.LoginAsAsync(Roles.FrontDesk);
        var clinician = await app.CreateClinicianAsync();
        var room = await app.CreateRoomAsync();
        var plan = await app.CreateBookablePatientAsync();
        await app.InsertBookingAsync(await app.CreateBookablePatientAsync(), 1, clinician, room, new DateTime(2026, 3, 11, 9, 0, 0, DateTimeKind.Utc), BookingStatus.Booked);
        var sittingId = FirstSitting(plan);
        var token = await TokenAsync(client, sittingId);
        app.Sql.Clear();

        var response = await client.PostFieldsAsync($"/Bookings/Create?sittingId={sittingId}", Form(sittingId, clinician, room, "2026-03-11", "10:00", token));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await AssertNoScansAsync("The booking POST");
    }

    [Fact]
    public async Task A_booking_post_that_is_refused_reads_every_growing_table_through_an_index()
    {
        var client = await app.LoginAsAsync(Roles.FrontDesk);
        var clinician = await app.CreateClinicianAsync();
        var room = await app.CreateRoomAsync();
        var plan = await app.CreateBookablePatientAsync();
        await app.InsertBookingAsync(await app.CreateBookablePatientAsync(), 1, clinician, room, new DateTime(2026, 3, 11, 10, 0, 0, DateTimeKind.Utc), BookingStatus.Booked);
        var sittingId = FirstSitting(plan);
        var token = await TokenAsync(client, sittingId);
        app.Sql.Clear();

        // The clinician and the room are taken at 10:00: the form comes back with the refusal, loaded again.
        var response = await client.PostFieldsAsync($"/Bookings/Create?sittingId={sittingId}", Form(sittingId, clinician, room, "2026-03-11", "10:00", token));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("The clinician already has a booking from 10:00", html);
        await AssertNoScansAsync("The refused booking POST");
    }
}
