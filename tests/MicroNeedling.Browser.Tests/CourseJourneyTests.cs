using MicroNeedling.Clinic.Bookings;
using MicroNeedling.Clinic.Common;
using MicroNeedling.Clinic.Data;
using MicroNeedling.Clinic.Sittings;
using MicroNeedling.Clinic.Staff;
using MicroNeedling.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace MicroNeedling.Browser.Tests;

/// <summary>
/// A whole course in the browser on the default settings (screening valid 30 days, sittings 28–42 days apart): this
/// journey moves its app's clock across five months, so it has an app host and a browser of its own.
/// </summary>
[CollectionDefinition(Name)]
public sealed class CourseJourneyBrowser : ICollectionFixture<BrowserHost>
{
    public const string Name = "browser-course-journey";
}

[Collection(CourseJourneyBrowser.Name)]
public sealed class CourseJourneyTests(BrowserHost host)
{
    private ClinicAppFactory App => host.App;

    [Fact]
    public async Task A_patient_screened_today_has_all_six_sittings_booked_in_one_step_and_each_charted_on_its_day_after_a_re_screen()
    {
        var email = await App.EnsureUserAsync(Roles.Clinician);
        var clinicianId = await App.CreateClinicianAsync("Dr Cora Course");
        await App.CreateRoomAsync();
        var lastName = "Course" + ClinicAppFactory.UniqueName()[2..6];
        var patientId = await App.CreatePatientAsync(lastName);
        await App.ScreenAsync(patientId);
        var plan = await App.PlanCourseAsync(patientId);
        var page = await host.NewPageAsync();
        await SignInAsync(page, email);

        // Book remaining sittings: all six proposed and booked in one step, though the screening lasts 30 days.
        await page.GotoAsync($"/Plans/BookCourse/{plan.Id}");
        await page.GetByLabel("Clinician", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Dr Cora Course" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Propose times" }).ClickAsync();
        for (var number = 1; number <= 6; number++)
        {
            await Assertions.Expect(page.Locator($"[data-testid=proposal-{number}] input[type=date]")).ToBeVisibleAsync();
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm and book all" }).ClickAsync();
        await Assertions.Expect(page.Locator(".flash")).ToContainTextAsync("6 sittings booked");
        await Assertions.Expect(page.GetByTestId("rescreen-sitting-3")).ToContainTextAsync("Re-screen at check-in"); // 5 May: after the screening's 30 days
        await page.AssertAccessibleAsync();

        var bookings = await App.GetAsync(sp => sp.GetRequiredService<ClinicDbContext>().Bookings.AsNoTracking()
            .Where(b => b.Sitting!.CoursePlanId == plan.Id).OrderBy(b => b.StartUtc).Select(b => new { b.Id, b.StartUtc, b.ClinicianId }).ToListAsync());
        Assert.Equal(6, bookings.Count);
        Assert.All(bookings, b => Assert.Equal(clinicianId, b.ClinicianId));
        var london = ClinicTime.For("Europe/London");

        // Each sitting on its day: check in, re-screen for today, chart, and the sitting is completed.
        for (var i = 0; i < bookings.Count; i++)
        {
            var booking = bookings[i];
            if (booking.StartUtc > App.Clock.GetUtcNow().UtcDateTime)
            {
                App.Clock.SetUtcNow(booking.StartUtc);
            }

            var start = london.ToLocal(booking.StartUtc);
            await SignInAsync(page, email); // months pass between sittings: the last session has long ended
            await page.GotoAsync($"/Calendar?date={start:yyyy-MM-dd}");
            await page.GetByTestId($"booking-{booking.Id}").ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Check in (patient arrived)" }).ClickAsync();
            await Assertions.Expect(page.GetByTestId("booking-status")).ToHaveTextAsync("Checked in");

            await page.GetByRole(AriaRole.Link, new() { Name = "Re-screen the patient for today" }).ClickAsync();
            foreach (var question in new[] { "eczema", "psoriasis", "active acne", "open wounds", "radiation therapy" })
            {
                await page.GetByRole(AriaRole.Group, new() { Name = question }).GetByLabel("No").CheckAsync();
            }

            await page.GetByRole(AriaRole.Group, new() { Name = "pregnant" }).GetByLabel("No", new() { Exact = true }).CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Record today's re-screen" }).ClickAsync();
            await Assertions.Expect(page.GetByTestId("start-guard")).ToContainTextAsync("the needling can start");

            // Charted once the needling has ended, in two steps of the clock so the 30-minute idle session stays alive.
            App.Clock.SetUtcNow(booking.StartUtc.AddMinutes(25));
            await page.GetByRole(AriaRole.Link, new() { Name = "Chart this sitting" }).ClickAsync();
            await page.GetByLabel("Numbing cream").FillAsync("Lidocaine 5% cream");
            await page.GetByLabel("Applied at").FillAsync(start.ToString("HH:mm"));
            await page.GetByLabel("Removed at").FillAsync(start.AddMinutes(30).ToString("HH:mm"));
            await page.GetByLabel("Device").FillAsync("Pen A6");
            await page.GetByLabel("Needle cartridge lot").FillAsync("LOT-2026-031");
            await page.GetByLabel("Needling started at").FillAsync(start.AddMinutes(32).ToString("HH:mm"));
            await page.GetByLabel("Needling ended at").FillAsync(start.AddMinutes(47).ToString("HH:mm"));
            await page.GetByLabel("Area, row 1").SelectOptionAsync(nameof(NeedlingArea.CheeksAndChin));
            await page.GetByLabel("Depth in mm, row 1").FillAsync("0.75");
            await page.GetByLabel("Passes, row 1").FillAsync("3");
            await page.GetByLabel("Serum or cream applied").FillAsync("Hyaluronic acid serum");
            await page.GetByLabel("Immediate reaction").SelectOptionAsync(nameof(ImmediateReaction.Redness));
            App.Clock.SetUtcNow(booking.StartUtc.AddMinutes(50));
            await page.GetByRole(AriaRole.Button, new() { Name = "Save the chart and complete the sitting" }).ClickAsync();
            await Assertions.Expect(page.Locator("h1")).ToContainTextAsync($"Chart of sitting {i + 1} of 6");
        }

        var statuses = await App.GetAsync(sp => sp.GetRequiredService<ClinicDbContext>().Bookings.AsNoTracking()
            .Where(b => b.Sitting!.CoursePlanId == plan.Id).Select(b => b.Status).ToListAsync());
        Assert.All(statuses, s => Assert.Equal(BookingStatus.Completed, s));
    }

    private static async Task SignInAsync(IPage page, string email)
    {
        await page.Context.ClearCookiesAsync();
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(ClinicAppFactory.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.Locator("form[action='/Account/Logout'], a[href='/Account/Logout']").First).ToBeAttachedAsync();
    }
}
