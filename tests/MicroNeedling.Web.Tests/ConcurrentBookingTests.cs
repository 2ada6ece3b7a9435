using System.Net;
using MicroNeedling.Clinic.Bookings;
using MicroNeedling.Clinic.Data;
using MicroNeedling.Clinic.Plans;
using MicroNeedling.Clinic.Staff;
using MicroNeedling.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MicroNeedling.Web.Tests;

/// <summary>Many staff pressing "Book" at the same moment through the real HTTP stack: the calendar must stay whole.</summary>
[Collection(SharedApp.Name)]
public sealed class ConcurrentBookingTests(ClinicAppFactory app)
{
    private async Task<(HttpClient Client, string Token)> FrontDeskWithTokenAsync()
    {
        var client = await app.LoginAsAsync(Roles.FrontDesk);
        var page = await client.GetDocumentAsync("/Bookings/Create");
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value");

        // The search form has no token; take one from a page with a post form.
        token ??= (await client.GetDocumentAsync("/Patients/Create")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value");
        return (client, token!);
    }

    private static Task<HttpResponseMessage> PostBookingAsync(HttpClient client, string token, int sittingId, string clinician, int room, string date, string time) =>
        client.PostFieldsAsync($"/Bookings/Create?sittingId={sittingId}",
        [
            new("__RequestVerificationToken", token), new("Input.SittingId", sittingId.ToString()), new("Input.ClinicianId", clinician),
            new("Input.RoomId", room.ToString()), new("Input.Date", date), new("Input.Time", time),
        ]);

    private async Task<List<CoursePlan>> PatientsAsync(int count)
    {
        var plans = new List<CoursePlan>();
        for (var i = 0; i < count; i++)
        {
            plans.Add(await app.CreateBookablePatientAsync());
        }

        return plans;
    }

    private Task<int> LiveBookingsAsync(string clinicianId) =>
        app.GetAsync(sp => sp.GetRequiredService<ClinicDbContext>().Bookings.CountAsync(b => b.ClinicianId == clinicianId && b.Status == BookingStatus.Booked));

    [Fact]
    public async Task Fifty_parallel_bookings_of_one_slot_give_exactly_one_success_and_49_clear_refusals()
    {
        var (client, token) = await FrontDeskWithTokenAsync();
        var clinician = await app.CreateClinicianAsync();
        var room = await app.CreateRoomAsync();
        var plans = await PatientsAsync(50);

        var responses = await Task.WhenAll(plans.Select(p =>
            PostBookingAsync(client, token, p.Sittings.Single(s => s.Number == 1).Id, clinician, room, "2026-03-13", "11:00")));

        Assert.DoesNotContain(responses, r => (int)r.StatusCode >= 500);
        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Redirect));
        var refusals = responses.Where(r => r.StatusCode == HttpStatusCode.OK).ToList();
        Assert.Equal(49, refusals.Count);
        foreach (var refusal in refusals)
        {
            Assert.Contains("already has a booking from 11:00–12:00", (await refusal.ReadDocumentAsync()).FieldError("Input.ClinicianId"));
        }

        Assert.Equal(1, await LiveBookingsAsync(clinician));
    }

    [Fact]
    public async Task Fifty_parallel_bookings_over_ten_slots_give_exactly_ten_successes()
    {
        var (client, token) = await FrontDeskWithTokenAsync();
        var clinician = await app.CreateClinicianAsync();
        var room = await app.CreateRoomAsync();
        var plans = await PatientsAsync(50);
        string[] dates = ["2026-03-16", "2026-03-17"];
        string[] times = ["09:00", "10:00", "11:00", "12:00", "13:00"];
        var slots = dates.SelectMany(d => times.Select(t => (Date: d, Time: t))).ToList();

        var responses = await Task.WhenAll(plans.Select((p, i) =>
            PostBookingAsync(client, token, p.Sittings.Single(s => s.Number == 1).Id, clinician, room, slots[i % 10].Date, slots[i % 10].Time)));

        Assert.DoesNotContain(responses, r => (int)r.StatusCode >= 500);
        Assert.Equal(10, responses.Count(r => r.StatusCode == HttpStatusCode.Redirect));
        Assert.Equal(40, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(10, await LiveBookingsAsync(clinician));
    }
}
