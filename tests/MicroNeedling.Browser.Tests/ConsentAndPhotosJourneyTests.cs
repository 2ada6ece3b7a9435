using MicroNeedling.Clinic.Bookings;
using MicroNeedling.Clinic.Data;
using MicroNeedling.Clinic.Staff;
using MicroNeedling.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace MicroNeedling.Browser.Tests;

[Collection(SharedBrowser.Name)]
public sealed class ConsentAndPhotosJourneyTests(BrowserHost host)
{
    private ClinicAppFactory App => host.App;

    /// <summary>Draws a signature on a pad with real pointer events: press, a zig-zag of moves, release.</summary>
    private static async Task SignAsync(IPage page, ILocator pad)
    {
        await pad.ScrollIntoViewIfNeededAsync();
        var box = (await pad.BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(box.X + 30, box.Y + (box.Height / 2));
        await page.Mouse.DownAsync();
        for (var i = 1; i <= 12; i++)
        {
            await page.Mouse.MoveAsync(box.X + 30 + (i * 25), box.Y + (i % 2 == 0 ? box.Height * 0.3f : box.Height * 0.7f), new() { Steps = 4 });
        }

        await page.Mouse.UpAsync();
    }

    [Fact]
    public async Task The_patient_signs_on_the_pad_the_clinician_countersigns_then_photos_of_two_sittings_are_compared()
    {
        var email = await App.EnsureUserAsync(Roles.Clinician);
        var clinician = await App.CreateClinicianAsync("Dr Sina Sign");
        var room = await App.CreateRoomAsync();
        var patientId = await App.CreatePatientAsync("Pad" + ClinicAppFactory.UniqueName()[2..6]);
        await App.ScreenAsync(patientId);
        var plan = await App.PlanCourseAsync(patientId, signConsent: false);
        var first = await App.InsertBookingAsync(plan, 1, clinician, room, new DateTime(2026, 2, 10, 10, 0, 0, DateTimeKind.Utc), BookingStatus.Completed);
        var today = await App.InsertBookingAsync(plan, 2, clinician, room, new DateTime(2026, 3, 10, 10, 0, 0, DateTimeKind.Utc), BookingStatus.CheckedIn);
        await App.ReScreenSuitableAsync(today);
        var page = await host.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(ClinicAppFactory.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        // The sitting cannot start: the consent is not signed. The clinician presents it from the sitting's page.
        await page.GotoAsync($"/Bookings/Details/{today}");
        await Assertions.Expect(page.GetByTestId("start-guard")).ToContainTextAsync("has not signed the consent");
        await page.GetByRole(AriaRole.Link, new() { Name = "Present the consent", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".consent-text")).ToContainTextAsync("Call the clinic at once");
        await page.AssertAccessibleAsync();

        // Submitting an untouched pad is refused next to it, and the ticked choices stay ticked.
        await page.GetByLabel("I have read this consent").CheckAsync();
        await page.GetByLabel("Photos of the treated areas may be taken").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign the consent" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-valmsg-for='Input.PatientSignature']")).ToContainTextAsync("signature box is empty");
        await Assertions.Expect(page.GetByLabel("Photos of the treated areas may be taken")).ToBeCheckedAsync();

        await SignAsync(page, page.GetByTestId("patient-pad"));
        await Assertions.Expect(page.Locator("#patient-signature-status")).ToHaveTextAsync("Signed. Clear to sign again.");
        await SignAsync(page, page.GetByTestId("clinician-pad"));
        await page.AssertAccessibleAsync();
        await page.SaveScreenshotAsync("12-consent-signed-on-the-pad.png");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign the consent" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("seal-state")).ToContainTextAsync("the record matches its seal");
        await page.AssertAccessibleAsync();
        var stored = await App.GetAsync(sp => sp.GetRequiredService<ClinicDbContext>().PatientConsents.AsNoTracking().SingleAsync(c => c.CoursePlanId == plan.Id));
        Assert.True(stored.PatientSignaturePng.Length > 1000, "the patient's strokes were stored");
        Assert.True(stored.PhotosForClinicalRecord);

        // Photos of the cheeks, front view, at the first sitting and at today's.
        foreach (var (bookingId, name) in new[] { (first, "before.jpg"), (today, "after.jpg") })
        {
            await page.GotoAsync($"/Photos/Sitting/{bookingId}");
            await page.GetByLabel("Treated area").SelectOptionAsync(new SelectOptionValue { Label = "Cheeks and chin" });
            await page.GetByLabel("Front").CheckAsync();
            await page.GetByLabel("or choose a file").SetInputFilesAsync(new FilePayload
            {
                Name = name,
                MimeType = "image/jpeg",
                Buffer = ImageFixtures.WithExif(ImageFixtures.Jpeg(1200, 900), orientation: 1),
            });
            await page.GetByRole(AriaRole.Button, new() { Name = "Save the photo" }).ClickAsync();
            await Assertions.Expect(page.Locator(".flash")).ToContainTextAsync("The photo is saved.");
            await Assertions.Expect(page.Locator(".photo-grid img")).ToHaveCountAsync(1);
        }

        await page.AssertAccessibleAsync();
        await page.GotoAsync($"/Photos/Course/{plan.Id}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Compare Cheeks and chin, Front" }).ClickAsync();
        var comparison = page.GetByTestId("comparison");
        await Assertions.Expect(comparison.Locator("figcaption").First).ToHaveTextAsync("Sitting 1 · 10 Feb 2026");
        await Assertions.Expect(comparison.Locator("figcaption").Last).ToHaveTextAsync("Sitting 2 · 10 Mar 2026");
        // Both photos really load through the authorised handler (a refused or broken image has a natural width of 0).
        foreach (var image in await comparison.Locator("img").AllAsync())
        {
            await image.EvaluateAsync("img => img.complete ? null : new Promise(r => img.addEventListener('load', r, { once: true }))");
            Assert.True(await image.EvaluateAsync<int>("img => img.naturalWidth") > 0);
        }

        await page.GetByLabel("Before (10 Feb 2026)").FillAsync("80");
        await page.AssertAccessibleAsync();
        await page.SaveScreenshotAsync("13-photo-comparison.png");
    }
}
