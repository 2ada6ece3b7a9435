using System.Net;
using MicroNeedling.Clinic.Bookings;
using MicroNeedling.Clinic.Data;
using MicroNeedling.Clinic.Messaging;
using MicroNeedling.Clinic.Staff;
using MicroNeedling.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MicroNeedling.Web.Tests;

/// <summary>A host without SMTP that writes mail to a folder, as Development does: the outbox worker runs and the admin reads the mail.</summary>
public sealed class MailFolderApp : ClinicAppFactory
{
    public MailFolderApp()
    {
        Settings["Mail:PickupFolder"] = MailFolder;
        Settings["Mail:PollInterval"] = "00:00:00.200";
    }

    public string MailFolder { get; } = Path.Combine(Path.GetTempPath(), "microneedling-tests", $"mail-{Guid.NewGuid():N}");
}

/// <summary>Without SMTP, mail goes to a folder the admin's "Mail folder" page lists and opens; the worker sends in the background.</summary>
public sealed class DevelopmentMailFolderTests(MailFolderApp app) : IClassFixture<MailFolderApp>
{
    [Fact]
    public async Task A_booking_confirmation_is_written_to_the_mail_folder_by_the_background_worker_and_shown_to_the_admin()
    {
        var plan = await app.CreateBookablePatientAsync();
        await app.GetAsync(sp => sp.GetRequiredService<ClinicDbContext>().Patients.Where(p => p.Id == plan.PatientId)
            .ExecuteUpdateAsync(p => p.SetProperty(x => x.Email, "folder@example.com").SetProperty(x => x.AppointmentEmails, true)));
        var clinician = await app.CreateClinicianAsync();
        var room = await app.CreateRoomAsync();
        var booked = await app.GetAsync(sp => sp.GetRequiredService<BookingService>().BookAsync(new BookSittingCommand
        {
            SittingId = plan.Sittings.Single(s => s.Number == 1).Id,
            ClinicianId = clinician,
            RoomId = room,
            Date = new DateOnly(2026, 3, 16),
            Time = new TimeOnly(10, 0),
        }));
        Assert.True(booked.Succeeded);

        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!(Directory.Exists(app.MailFolder) && Directory.EnumerateFiles(app.MailFolder, "*.eml").Any()) && waited.Elapsed < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(100);
        }

        var file = Path.GetFileName(Assert.Single(Directory.EnumerateFiles(app.MailFolder, "*.eml")));
        var admin = await app.LoginAsAsync(Roles.Admin);
        var outbox = await admin.GetDocumentAsync("/Admin/Outbox?status=Sent");
        Assert.NotNull(outbox.QuerySelector("[data-testid=folder-transport]"));
        Assert.Contains("fo…@example.com", outbox.QuerySelector("[data-testid=outbox]")!.TextContent); // masked for the admin
        Assert.DoesNotContain("folder@example.com", outbox.QuerySelector("[data-testid=outbox]")!.TextContent);

        var folder = await admin.GetDocumentAsync("/Admin/Outbox/Folder");
        Assert.Contains("Your appointment at", folder.QuerySelector("[data-testid=mail-files]")!.TextContent);
        var open = await admin.GetDocumentAsync($"/Admin/Outbox/Folder?file={Uri.EscapeDataString(file)}");
        Assert.Contains("Monday 16 March 2026 at 10:00", open.QuerySelector("[data-testid=open-mail]")!.TextContent);
        Assert.Contains("appointment.ics", open.QuerySelector("[data-testid=open-mail]")!.TextContent);

        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/Admin/Outbox/Folder?file=..%2F..%2Fappsettings.json")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.LoginAsAsync(Roles.FrontDesk)).GetAsync("/Admin/Outbox/Folder")).StatusCode);
        var message = await app.GetAsync(sp => sp.GetRequiredService<ClinicDbContext>().OutboxMessages.AsNoTracking().SingleAsync(m => m.Kind == MessageKind.Confirmation));
        Assert.Equal(OutboxStatus.Sent, message.Status);
    }
}
