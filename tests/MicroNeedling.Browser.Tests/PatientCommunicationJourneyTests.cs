using MicroNeedling.Clinic.Bookings;
using MicroNeedling.Clinic.Data;
using MicroNeedling.Clinic.Messaging;
using MicroNeedling.Clinic.Staff;
using MicroNeedling.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace MicroNeedling.Browser.Tests;

/// <summary>
/// Issue 17 in the browser: front desk waitlists a patient and fills a cancelled slot from the booking page in two
/// clicks; the admin reads the outbox; a patient opens the unsubscribe link with no login. Every page passes axe.
/// </summary>
[Collection(SharedBrowser.Name)]
public sealed class PatientCommunicationJourneyTests(BrowserHost host)
{
    private ClinicAppFactory App => host.App;

    private Task<IPage> SignInAsync(string role) => host.SignInAsync(role);

    [Fact]
    public async Task Front_desk_waitlists_a_patient_and_fills_a_cancelled_slot_from_the_booking_page()
    {
        var clinician = await App.CreateClinicianAsync("Dr Wren Wait");
        var room = await App.CreateRoomAsync();
        var leaving = await App.CreateBookablePatientAsync();
        var freed = (await App.GetAsync(sp => sp.GetRequiredService<BookingService>().BookAsync(new BookSittingCommand
        {
            SittingId = leaving.Sittings.Single(s => s.Number == 1).Id,
            ClinicianId = clinician,
            RoomId = room,
            Date = new DateOnly(2026, 3, 12),
            Time = new TimeOnly(10, 0),
        }))).Value!.BookingId!.Value;
        var waiting = await App.CreateBookablePatientAsync();
        var page = await SignInAsync(Roles.FrontDesk);

        await page.GotoAsync($"/Plans/Details/{waiting.Id}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Add to the waitlist for an earlier time" }).ClickAsync();
        await page.AssertAccessibleAsync();
        await page.GetByLabel("Thursday").CheckAsync();
        await page.GetByLabel("Time of day").SelectOptionAsync(new SelectOptionValue { Label = "Mornings" });
        await page.GetByLabel("Note").FillAsync("Can come at an hour's notice");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add to the waitlist" }).ClickAsync();
        await Assertions.Expect(page.Locator("table.list")).ToContainTextAsync("Can come at an hour's notice");
        await page.AssertAccessibleAsync();

        await page.GotoAsync($"/Bookings/Cancel/{freed}");
        await page.GetByLabel("Reason").FillAsync("Patient is unwell");
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel booking" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("freed-slot-prompt")).ToContainTextAsync("Thu 12 Mar at 10:00");
        await page.GetByRole(AriaRole.Link, new() { Name = "See who on the waitlist can take it" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("freed-slot")).ToContainTextAsync("Thursday 12 March 2026 at 10:00 with Dr Wren Wait");
        await page.AssertAccessibleAsync();
        await page.SaveScreenshotAsync("14-fill-a-freed-slot.png");

        var row = page.GetByTestId("candidates").Locator("tr").Filter(new() { HasText = "Matches day and time" }).First;
        await row.GetByRole(AriaRole.Button).First.ClickAsync();
        await Assertions.Expect(page.Locator(".flash")).ToContainTextAsync("into the freed slot");
        var booking = await App.GetAsync(sp => sp.GetRequiredService<ClinicDbContext>().Bookings.AsNoTracking().SingleAsync(b => b.PatientId == waiting.PatientId));
        Assert.Equal(new DateTime(2026, 3, 12, 10, 0, 0, DateTimeKind.Utc), booking.StartUtc);

        await page.GotoAsync("/Recalls");
        await page.AssertAccessibleAsync();
    }

    [Fact]
    public async Task The_admin_reads_the_outbox_and_a_patient_stops_the_mail_from_the_link_without_signing_in()
    {
        var plan = await App.CreateBookablePatientAsync();
        var token = PatientMessages.NewToken();
        await App.GetAsync(sp => sp.GetRequiredService<ClinicDbContext>().Patients.Where(p => p.Id == plan.PatientId).ExecuteUpdateAsync(p => p
            .SetProperty(x => x.Email, "journey@example.com").SetProperty(x => x.AppointmentEmails, true).SetProperty(x => x.ContactToken, token)));
        await App.InsertOutboxMessageAsync(plan.PatientId, OutboxStatus.Unconfirmed, "journey@example.com",
            "The app stopped while sending this message, so it may or may not have been delivered.");

        var admin = await SignInAsync(Roles.Admin);
        await admin.GotoAsync("/Admin/Outbox?status=Unconfirmed");
        await Assertions.Expect(admin.GetByTestId("outbox")).ToContainTextAsync("jo…@example.com");
        await admin.AssertAccessibleAsync();
        await admin.SaveScreenshotAsync("15-outbox.png");
        await admin.GetByTestId("outbox").Locator("tr").Filter(new() { HasText = "jo…@example.com" }).GetByRole(AriaRole.Button, new() { Name = "Send again" }).ClickAsync();
        await Assertions.Expect(admin.Locator(".flash")).ToContainTextAsync("back in line");

        var patient = await host.NewPageAsync();
        await patient.GotoAsync($"/Unsubscribe/{token}");
        await patient.AssertAccessibleAsync();
        await patient.GetByRole(AriaRole.Button, new() { Name = "Stop all e-mails" }).ClickAsync();
        await Assertions.Expect(patient.GetByTestId("unsubscribed")).ToBeVisibleAsync();
        Assert.False(await App.GetAsync(sp => sp.GetRequiredService<ClinicDbContext>().Patients.Where(p => p.Id == plan.PatientId).Select(p => p.AppointmentEmails).SingleAsync()));
    }
}
