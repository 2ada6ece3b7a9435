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

        var frontDesk = await SignInAsync(Roles.FrontDesk);
        foreach (var url in new[]
        {
            "/Account/ChangePassword",
            "/Calendar?date=2026-03-11&view=day&by=room", $"/Calendar?date=2026-03-11&view=week&roomId={room}",
            $"/Bookings/Create?date=2026-03-11&time=14:00&clinicianId={clinicianId}&q=Zz", $"/Bookings/Create?sittingId={plan.Sittings.Single(s => s.Number == 2).Id}",
            $"/Bookings/Details/{bookingId}", $"/Bookings/Move/{bookingId}", $"/Bookings/Cancel/{bookingId}",
            $"/Patients/Edit/{plan.PatientId}", $"/Patients/Details/{plan.PatientId}", $"/SideEffects/Create?patientId={plan.PatientId}",
            $"/Plans/Details/{plan.Id}", $"/Plans/BookCourse/{plan.Id}",
            $"/Waitlist/Add/{plan.Id}", "/Waitlist", $"/Waitlist/Slot/{bookingId}", "/Recalls", "/Recalls?show=Answered",
        })
        {
            await VisitAsync(frontDesk, url);
        }

        var clinician = await SignInAsync(Roles.Clinician);
        foreach (var url in new[]
        {
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
}
