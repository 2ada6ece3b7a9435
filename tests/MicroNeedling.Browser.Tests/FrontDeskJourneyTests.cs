using System.Text.RegularExpressions;
using MicroNeedling.Clinic.Bookings;
using MicroNeedling.Clinic.ClinicSetup;
using MicroNeedling.Clinic.Data;
using MicroNeedling.Clinic.Staff;
using MicroNeedling.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace MicroNeedling.Browser.Tests;

[Collection(SharedBrowser.Name)]
public sealed partial class FrontDeskJourneyTests(BrowserHost host)
{
    private ClinicAppFactory App => host.App;

    /// <summary>A few other patients already booked today, so the calendar looks like a working day.</summary>
    private async Task<List<int>> FillTodayAsync(string clinicianId, int roomId)
    {
        var ids = new List<int>();
        foreach (var time in new[] { new TimeOnly(9, 30), new TimeOnly(11, 0), new TimeOnly(14, 15) })
        {
            var plan = await App.CreateBookablePatientAsync();
            var result = await App.GetAsync(sp => sp.GetRequiredService<BookingService>().BookAsync(new BookSittingCommand
            {
                SittingId = plan.Sittings.Single(s => s.Number == 1).Id,
                ClinicianId = clinicianId,
                RoomId = roomId,
                Date = new DateOnly(2026, 3, 10),
                Time = time,
            }));
            Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Message)));
            ids.Add(result.Value!.BookingId!.Value);
        }

        return ids;
    }

    [Fact]
    public async Task Front_desk_books_a_whole_course_moves_a_sitting_and_sees_it_on_the_week_view()
    {
        var email = await App.EnsureUserAsync(Roles.FrontDesk);
        var clinician = await App.CreateClinicianAsync("Dr Amara Week");
        var colleague = await App.CreateClinicianAsync("Dr Ben Colleague");
        var room = await App.CreateRoomAsync();
        var today = await FillTodayAsync(colleague, room);
        var lastName = "Journey" + ClinicAppFactory.UniqueName()[2..6];
        var patientId = await App.CreatePatientAsync(lastName);
        await App.ScreenAsync(patientId);
        var plan = await App.PlanCourseAsync(patientId);
        await App.GetAsync(sp => sp.GetRequiredService<ClinicDbContext>().Screenings
            .Where(s => s.PatientId == patientId).ExecuteUpdateAsync(u => u.SetProperty(s => s.ValidityDays, 365)));
        var page = await host.NewPageAsync();

        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(ClinicAppFactory.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        // The calendar, day by clinician.
        await page.GetByRole(AriaRole.Link, new() { Name = "Calendar", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Tuesday 10 March 2026");
        foreach (var id in today)
        {
            await Assertions.Expect(page.GetByTestId($"booking-{id}")).ToContainTextAsync("sitting 1/6");
        }
        await page.AssertAccessibleAsync();
        await page.SaveScreenshotAsync("06-calendar-day.png");

        // Find the patient and book the rest of the course in one go.
        await page.GetByRole(AriaRole.Link, new() { Name = "Patients", Exact = true }).ClickAsync();
        await page.GetByLabel("Name").FillAsync(lastName);
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = $"{lastName}, Test" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { NameRegex = DateLink() }).First.ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Book remaining sittings" }).ClickAsync();
        await page.GetByLabel("Clinician", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Dr Amara Week" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Propose times" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=proposal-6] input[type=date]")).ToHaveValueAsync("2026-07-28");
        await page.AssertAccessibleAsync();
        await page.SaveScreenshotAsync("07-book-remaining-sittings.png");
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm and book all" }).ClickAsync();
        await Assertions.Expect(page.Locator(".flash")).ToContainTextAsync("6 sittings booked");
        await Assertions.Expect(page.Locator("[data-testid=sitting-2]")).ToContainTextAsync("Tue 7 Apr 2026");
        await page.AssertAccessibleAsync();

        // Move sitting 2 to the afternoon.
        await page.Locator("[data-testid=sitting-2] a").ClickAsync();
        await page.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Move" }).ClickAsync();
        await page.GetByLabel("Arrival time").FillAsync("15:00");
        await page.GetByLabel("Reason").FillAsync("Patient prefers the afternoon.");
        await page.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Move" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("booking-start")).ToContainTextAsync("Tuesday 7 April 2026, 15:00");
        await Assertions.Expect(page.Locator("table")).ToContainTextAsync("Patient prefers the afternoon.");

        // The clinician's week shows the moved sitting.
        await page.GetByRole(AriaRole.Link, new() { Name = "← Calendar" }).ClickAsync();
        await page.GetByLabel("Week of").SelectOptionAsync(new SelectOptionValue { Label = "Dr Amara Week" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Show clinician's week" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Week of 6 Apr 2026: Dr Amara Week");
        var moved = page.Locator(".cal-booking", new() { HasText = lastName });
        await Assertions.Expect(moved).ToContainTextAsync("15:00 · sitting 2/6");
        await page.AssertAccessibleAsync();
        await page.SaveScreenshotAsync("08-calendar-week.png");
    }

    [GeneratedRegex(@"^\d{1,2} \w{3} \d{4}$")]
    private static partial Regex DateLink();
}
