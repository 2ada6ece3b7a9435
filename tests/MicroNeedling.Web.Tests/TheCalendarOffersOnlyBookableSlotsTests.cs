using System.Net;
using MicroNeedling.Clinic.Bookings;
using MicroNeedling.Clinic.ClinicSetup;
using MicroNeedling.Clinic.Data;
using MicroNeedling.Clinic.Plans;
using MicroNeedling.Clinic.Staff;
using MicroNeedling.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MicroNeedling.Web.Tests;

/// <summary>
/// The calendar's Book links come from the same slot policy as the booking's final check. The clock stands at Tuesday
/// 10 March 2026, 09:00 in London; the week shown is that of Monday 16 March. The clinic opens Monday to Friday
/// 09:00–18:00 and Saturday 09:00–14:00. The clinician works weekdays 09:00–18:00 and Saturday 08:00–16:00, is off on
/// Thursday 19 March, and has a booking on Tuesday 17 March 10:00–11:00.
/// </summary>
[Collection(SharedApp.Name)]
public sealed class TheCalendarOffersOnlyBookableSlotsTests(ClinicAppFactory app)
{
    private sealed record Offer(DateOnly Date, TimeOnly Time, string ClinicianId, int RoomId);

    private async Task<(string Clinician, CoursePlan Plan)> SeedWeekAsync()
    {
        var clinician = await app.CreateClinicianAsync();
        var room = await app.CreateRoomAsync();
        await app.GetAsync(async sp =>
        {
            var db = sp.GetRequiredService<ClinicDbContext>();
            db.ClinicianHours.Add(new ClinicianHours { ClinicianId = clinician, Day = DayOfWeek.Saturday, Start = new TimeOnly(8, 0), End = new TimeOnly(16, 0) });
            db.TimeOff.Add(new TimeOff { ClinicianId = clinician, From = new DateOnly(2026, 3, 19), To = new DateOnly(2026, 3, 19), Reason = "Course" });
            return await db.SaveChangesAsync();
        });
        var other = await app.CreateBookablePatientAsync();
        await app.InsertBookingAsync(other, 1, clinician, room, new DateTime(2026, 3, 17, 10, 0, 0, DateTimeKind.Utc), BookingStatus.Booked);
        return (clinician, await app.CreateBookablePatientAsync());
    }

    private static async Task<List<Offer>> OffersAsync(HttpClient client, string clinician)
    {
        var page = await client.GetDocumentAsync($"/Calendar?view=week&date=2026-03-16&clinicianId={clinician}");
        return page.QuerySelectorAll("a.cal-slot").Select(a =>
        {
            var query = System.Web.HttpUtility.ParseQueryString(new Uri("http://x" + a.GetAttribute("href")).Query);
            return new Offer(DateOnly.Parse(query["date"]!), TimeOnly.Parse(query["time"]!), query["clinicianId"]!, int.Parse(query["roomId"]!));
        }).ToList();
    }

    [Fact]
    public async Task Book_links_appear_only_where_the_clinician_works_and_is_free_and_the_clinic_is_open()
    {
        var client = await app.LoginAsAsync(Roles.FrontDesk);
        var (clinician, _) = await SeedWeekAsync();

        var offers = await OffersAsync(client, clinician);

        Assert.All(offers, o => Assert.Equal(clinician, o.ClinicianId));
        string Times(string date) => string.Join(" ", offers.Where(o => o.Date == DateOnly.Parse(date)).Select(o => o.Time.ToString("HH:mm")));
        // Saturday: the clinic's 09:00–14:00 inside her 08:00–16:00, a 60-minute visit ending by 14:00; nothing at 16:00.
        Assert.Equal("09:00 09:30 10:00 10:30 11:00 11:30 12:00 12:30 13:00", Times("2026-03-21"));
        Assert.Equal("", Times("2026-03-19")); // time off
        Assert.Equal("", Times("2026-03-22")); // Sunday, closed
        Assert.DoesNotContain("09:30", Times("2026-03-17").Split(' '));
        Assert.DoesNotContain("10:00", Times("2026-03-17").Split(' '));
        Assert.DoesNotContain("10:30", Times("2026-03-17").Split(' '));
        Assert.Contains("11:00", Times("2026-03-17").Split(' '));
        Assert.Equal("17:00", Times("2026-03-16").Split(' ')[^1]);
    }

    [Fact]
    public async Task Not_working_time_is_shaded_apart_from_free_time()
    {
        var client = await app.LoginAsAsync(Roles.FrontDesk);
        var (clinician, _) = await SeedWeekAsync();

        var page = await client.GetDocumentAsync($"/Calendar?view=week&date=2026-03-16&clinicianId={clinician}");

        // Thursday (time off) and Sunday (closed) are wholly "not working"; the weekdays she works have no shading.
        var shaded = page.QuerySelectorAll(".cal-off").Select(e => e.ClassList.First(c => c.StartsWith("gc-", StringComparison.Ordinal))).ToList();
        Assert.Contains("gc-5", shaded); // Thursday, the fourth day column
        Assert.Contains("gc-8", shaded); // Sunday
        Assert.DoesNotContain("gc-2", shaded); // Monday
    }

    [Fact]
    public async Task Every_slot_the_calendar_offers_in_a_seeded_week_can_be_booked()
    {
        var client = await app.LoginAsAsync(Roles.FrontDesk);
        var (clinician, plan) = await SeedWeekAsync();
        var sittingId = plan.Sittings.Single(s => s.Number == 1).Id;

        var offers = await OffersAsync(client, clinician);

        Assert.True(offers.Count > 60, $"only {offers.Count} offers");
        foreach (var offer in offers)
        {
            var response = await client.PostFormAsync($"/Bookings/Create?sittingId={sittingId}",
            [
                new("Input.SittingId", sittingId.ToString()),
                new("Input.ClinicianId", offer.ClinicianId),
                new("Input.RoomId", offer.RoomId.ToString()),
                new("Input.Date", offer.Date.ToString("yyyy-MM-dd")),
                new("Input.Time", offer.Time.ToString("HH:mm")),
            ]);
            var refused = response.StatusCode == HttpStatusCode.OK ? (await response.ReadDocumentAsync()).Body!.TextContent : "";
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{offer} was offered but refused: {refused}");

            // Free the slot again, so each offer is tried against the calendar the page was drawn from.
            var booking = await app.GetAsync(sp => sp.GetRequiredService<ClinicDbContext>().Bookings
                .SingleAsync(b => b.PlannedSittingId == sittingId && b.Status == BookingStatus.Booked));
            var cancelled = await app.GetAsync(sp => sp.GetRequiredService<BookingService>().CancelAsync(new CancelBookingCommand { BookingId = booking.Id, Reason = "Trying the next offer." }));
            Assert.True(cancelled.Succeeded);
        }
    }
}
