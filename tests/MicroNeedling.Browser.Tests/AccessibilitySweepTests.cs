using MicroNeedling.Clinic.Bookings;
using MicroNeedling.Clinic.Calendar;
using MicroNeedling.Clinic.ClinicSetup;
using MicroNeedling.Clinic.Data;
using MicroNeedling.Clinic.Sittings;
using MicroNeedling.Clinic.Staff;
using MicroNeedling.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace MicroNeedling.Browser.Tests;

/// <summary>The pages the journeys do not pass through, each checked with axe for each role that uses it.</summary>
[Collection(SharedBrowser.Name)]
public sealed class AccessibilitySweepTests(BrowserHost host)
{
    private ClinicAppFactory App => host.App;

    private Task<IPage> SignInAsync(string role) => host.SignInAsync(role);

    private static async Task VisitAsync(IPage page, string url)
    {
        var response = await page.GotoAsync(url);
        Assert.True(response!.Ok, $"{url} answered {response.Status}");
        await page.AssertAccessibleAsync();
    }

    [Fact]
    public async Task Every_other_page_has_no_serious_accessibility_violations()
    {
        var clinicianId = await App.CreateClinicianAsync();
        var room = await App.CreateRoomAsync();
        var plan = await App.CreateBookablePatientAsync();
        var booked = await App.GetAsync(sp => sp.GetRequiredService<BookingService>().BookAsync(new BookSittingCommand
        {
            SittingId = plan.Sittings.Single(s => s.Number == 1).Id,
            ClinicianId = clinicianId,
            RoomId = room,
            Date = new DateOnly(2026, 3, 11),
            Time = new TimeOnly(11, 0),
        }));
        var bookingId = booked.Value!.BookingId!.Value;
        var effect = await App.GetAsync(sp => sp.GetRequiredService<SideEffectService>().RecordAsync(new RecordSideEffectCommand
        {
            PatientId = plan.PatientId,
            Kind = SideEffectKind.Bruising,
            Severity = Severity.Moderate,
            OnsetDate = new DateOnly(2026, 3, 9),
            Description = "Bruise on the chin.",
        }));

        // A record restricted to another clinician: the restricted view and the emergency-access form.
        var restrictedPatient = await App.CreatePatientAsync();
        await App.GetAsync(async sp =>
        {
            var db = sp.GetRequiredService<ClinicDbContext>();
            var patient = await db.Patients.SingleAsync(p => p.Id == restrictedPatient);
            patient.RestrictedToStaffId = "another-clinician";
            return await db.SaveChangesAsync();
        });

        // Today's sittings for the start pages: the signed-in clinician's own (one with a course on hold), and a cancellation.
        var signedInClinician = await App.GetAsync(async sp =>
        {
            var email = await App.EnsureUserAsync(Roles.Clinician);
            return await sp.GetRequiredService<ClinicDbContext>().Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        });
        var todayRoom = await App.CreateRoomAsync();
        var todays = await App.CreateBookablePatientAsync();
        await App.InsertBookingAsync(todays, 1, signedInClinician, todayRoom, new DateTime(2026, 3, 10, 16, 0, 0, DateTimeKind.Utc), BookingStatus.Booked);
        await App.InsertBookingAsync(plan, 2, signedInClinician, todayRoom, new DateTime(2026, 3, 10, 8, 0, 0, DateTimeKind.Utc), BookingStatus.Booked);
        var cancelledToday = await App.CreateBookablePatientAsync();
        await App.InsertBookingAsync(cancelledToday, 1, clinicianId, room, new DateTime(2026, 3, 10, 17, 0, 0, DateTimeKind.Utc), BookingStatus.Cancelled);

        var frontDesk = await SignInAsync(Roles.FrontDesk);
        foreach (var url in new[]
        {
            "/Today",
            "/Account/ChangePassword",
            "/Calendar?date=2026-03-11&view=day&by=room", $"/Calendar?date=2026-03-11&view=week&roomId={room}",
            $"/Bookings/Create?date=2026-03-11&time=14:00&clinicianId={clinicianId}&q=Zz", $"/Bookings/Create?sittingId={plan.Sittings.Single(s => s.Number == 2).Id}",
            $"/Bookings/Details/{bookingId}", $"/Bookings/Move/{bookingId}", $"/Bookings/Cancel/{bookingId}",
            $"/Patients/Edit/{plan.PatientId}", $"/Patients/Details/{plan.PatientId}", $"/SideEffects/Create?patientId={plan.PatientId}",
            $"/Plans/Details/{plan.Id}", $"/Plans/BookCourse/{plan.Id}",
            $"/Waitlist/Add/{plan.Id}", "/Waitlist", $"/Waitlist/Slot/{bookingId}", "/Recalls", "/Recalls?show=Answered",
            "/Reports", "/Reports/utilisation?from=2026-03-02&to=2026-03-15&by=week", "/Reports/no-shows?by=month",
            "/Reports/no-shows?from=2026-03-10&to=2026-03-01&by=year",
        })
        {
            await VisitAsync(frontDesk, url);
        }

        var clinician = await SignInAsync(Roles.Clinician);
        foreach (var url in new[]
        {
            "/MyDay", "/Today", "/Reports", "/Reports/utilisation", "/Reports/courses", "/Reports/screening?by=month", "/Reports/adverse-events",
            "/SideEffects/NeedsReview", $"/SideEffects/Review/{effect.Value!.Id}", $"/Plans/Cancel/{plan.Id}", "/Account/CalendarFeed",
            $"/Patients/Details/{restrictedPatient}", $"/Patients/EmergencyAccess/{restrictedPatient}",
        })
        {
            await VisitAsync(clinician, url);
        }

        var admin = await SignInAsync(Roles.Admin);
        foreach (var url in new[]
        {
            "/Admin/Staff", "/Admin/Staff/Create", "/Admin/Settings", "/Admin/Rooms", "/Admin/OpeningHours",
            "/Admin/Clinicians", $"/Admin/Clinicians/Hours/{clinicianId}", "/Admin/DepthRanges", "/Admin/Audit", "/Admin/EmergencyAccess",
            "/Admin/Audit?patient=Zzqx%20Nobody", $"/Admin/Audit?patientId={restrictedPatient}", "/Admin/Audit?patient=a",
            "/Admin/Outbox", "/Admin/Outbox?status=Failed", $"/Patients/Export/{plan.PatientId}",
        })
        {
            await VisitAsync(admin, url);
        }
    }

    [Fact]
    public async Task The_reports_draw_a_chart_for_each_table_from_their_own_files_and_print_the_tables()
    {
        var clinicianId = await App.CreateClinicianAsync();
        var room = await App.CreateRoomAsync();
        var plan = await App.CreateBookablePatientAsync();
        await App.InsertBookingAsync(plan, 1, clinicianId, room, new DateTime(2026, 3, 3, 10, 0, 0, DateTimeKind.Utc), BookingStatus.Completed);
        await App.InsertBookingAsync(plan, 2, clinicianId, room, new DateTime(2026, 3, 4, 10, 0, 0, DateTimeKind.Utc), BookingStatus.NoShow);
        var page = await SignInAsync(Roles.FrontDesk);

        foreach (var url in new[] { "/Reports/utilisation?from=2026-03-02&to=2026-03-15", "/Reports/no-shows?from=2026-03-02&to=2026-03-15" })
        {
            await VisitAsync(page, url);
            var canvases = await page.Locator("canvas[data-chart]").CountAsync();
            Assert.True(canvases >= 3, $"{url}: {canvases} charts");

            // Chart.js has drawn into every canvas (it keeps an instance per canvas), with no inline script or style refused.
            var drawn = await page.EvaluateAsync<int>("() => [...document.querySelectorAll('canvas[data-chart]')].filter(c => window.Chart && window.Chart.getChart(c)).length");
            Assert.Equal(canvases, drawn);

            // On paper the charts give way to the tables.
            await page.EmulateMediaAsync(new() { Media = Media.Print });
            Assert.False(await page.Locator(".report-chart").First.IsVisibleAsync());
            Assert.True(await page.Locator("table.report-numbers").First.IsVisibleAsync());
            await page.EmulateMediaAsync(new() { Media = Media.Screen });
        }
    }
}
