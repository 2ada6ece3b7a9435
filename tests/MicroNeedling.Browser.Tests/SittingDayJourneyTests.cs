using MicroNeedling.Clinic.Bookings;
using MicroNeedling.Clinic.Sittings;
using MicroNeedling.Clinic.Staff;
using MicroNeedling.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace MicroNeedling.Browser.Tests;

[Collection(SharedBrowser.Name)]
public sealed class SittingDayJourneyTests(BrowserHost host)
{
    private ClinicAppFactory App => host.App;

    [Fact]
    public async Task Clinician_checks_in_re_screens_charts_the_sitting_and_prints_the_aftercare_sheet()
    {
        var email = await App.EnsureUserAsync(Roles.Clinician);
        var clinicianId = await App.CreateClinicianAsync("Dr Chidi Chart");
        var room = await App.CreateRoomAsync();
        var plan = await App.CreateBookablePatientAsync();
        await App.ScreenedDaysAgoAsync(plan.PatientId, 2); // screened before today: the check-in asks again
        var booked = await App.GetAsync(sp => sp.GetRequiredService<BookingService>().BookAsync(new BookSittingCommand
        {
            SittingId = plan.Sittings.Single(s => s.Number == 1).Id,
            ClinicianId = clinicianId,
            RoomId = room,
            Date = new DateOnly(2026, 3, 10),
            Time = new TimeOnly(16, 0),
        }));
        var bookingId = booked.Value!.BookingId!.Value;
        var page = await host.NewPageAsync();

        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(ClinicAppFactory.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        // From the calendar to the sitting, and the patient has arrived.
        await page.GotoAsync("/Calendar?date=2026-03-10");
        await page.GetByTestId($"booking-{bookingId}").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Check in (patient arrived)" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("booking-status")).ToHaveTextAsync("Checked in");
        await Assertions.Expect(page.GetByTestId("start-guard")).ToContainTextAsync("re-screen the patient today");
        await page.AssertAccessibleAsync();

        // Re-screen for today: every answer "no".
        await page.GetByRole(AriaRole.Link, new() { Name = "Re-screen the patient for today" }).ClickAsync();
        foreach (var question in new[] { "eczema", "psoriasis", "active acne", "open wounds", "radiation therapy" })
        {
            await page.GetByRole(AriaRole.Group, new() { Name = question }).GetByLabel("No").CheckAsync();
        }

        await page.GetByRole(AriaRole.Group, new() { Name = "pregnant" }).GetByLabel("No", new() { Exact = true }).CheckAsync();
        await page.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Record today's re-screen" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("start-guard")).ToContainTextAsync("the needling can start");

        // Chart: numbing cream, the pen, one area, the serum. The shared clock stands at 09:00 and a chart records what has
        // happened, so the times are this morning's.
        await page.GetByRole(AriaRole.Link, new() { Name = "Chart this sitting" }).ClickAsync();
        await page.GetByLabel("Numbing cream").FillAsync("Lidocaine 5% cream");
        await page.GetByLabel("Applied at").FillAsync("08:00");
        await page.GetByLabel("Removed at").FillAsync("08:30");
        await page.GetByLabel("Device").FillAsync("Pen A6");
        await page.GetByLabel("Needle cartridge lot").FillAsync("LOT-2026-031");
        await page.GetByLabel("Needling started at").FillAsync("08:32");
        await page.GetByLabel("Needling ended at").FillAsync("08:47");
        await page.GetByLabel("Area, row 1").SelectOptionAsync(nameof(NeedlingArea.CheeksAndChin));
        await page.GetByLabel("Depth in mm, row 1").FillAsync("0.75");
        await page.GetByLabel("Passes, row 1").FillAsync("3");
        await page.GetByLabel("Serum or cream applied").FillAsync("Hyaluronic acid serum");
        await page.GetByLabel("Immediate reaction").SelectOptionAsync(nameof(ImmediateReaction.Redness));
        await page.AssertAccessibleAsync();
        await page.SaveScreenshotAsync("09-chart-form.png");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the chart and complete the sitting" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Chart of sitting 1 of 6");
        await page.AssertAccessibleAsync();

        // The aftercare sheet, as it prints.
        await page.GetByRole(AriaRole.Link, new() { Name = "Print aftercare sheet" }).ClickAsync();
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        await Assertions.Expect(page.Locator(".site-header")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Sitting 1 of 6");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("infection");
        await page.AssertAccessibleAsync();
        await page.SaveScreenshotAsync("10-aftercare-sheet-print.png");
    }
}
