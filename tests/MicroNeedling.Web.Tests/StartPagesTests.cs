using System.Net;
using MicroNeedling.Clinic.Bookings;
using MicroNeedling.Clinic.Data;
using MicroNeedling.Clinic.Sittings;
using MicroNeedling.Clinic.Staff;
using MicroNeedling.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MicroNeedling.Web.Tests;

/// <summary>
/// The start pages: a clinician lands on their day (/MyDay), front desk on the clinic's day (/Today), an admin on the
/// staff list. The app's clock reads Tuesday 10 March 2026, 09:00 in London.
/// </summary>
[Collection(SharedApp.Name)]
public sealed class StartPagesTests(ClinicAppFactory app)
{
    private static readonly DateTime Today = new(2026, 3, 10, 0, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(Roles.Clinician, "/MyDay")]
    [InlineData(Roles.FrontDesk, "/Today")]
    [InlineData(Roles.Admin, "/Admin/Staff")]
    public async Task Each_role_lands_on_its_own_start_page(string role, string start)
    {
        var client = await app.LoginAsAsync(role);

        var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(start, response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(start)).StatusCode);
    }

    /// <summary>A clinician of this test's own, signed in.</summary>
    private async Task<(string Id, HttpClient Client)> SignedInClinicianAsync(string name)
    {
        var id = await app.CreateClinicianAsync(name);
        var email = await app.GetAsync(sp => sp.GetRequiredService<ClinicDbContext>().Users.Where(u => u.Id == id).Select(u => u.Email!).SingleAsync());
        var client = app.CreateBrowserlessClient();
        await app.SignInAsync(client, email);
        return (id, client);
    }

    [Fact]
    public async Task A_clinician_sees_only_their_own_sittings_on_my_day_with_what_is_due()
    {
        var (me, client) = await SignedInClinicianAsync("Dr Mine " + ClinicAppFactory.UniqueName());
        var (other, _) = await SignedInClinicianAsync("Dr Theirs " + ClinicAppFactory.UniqueName());
        var room = await app.CreateRoomAsync();
        var otherRoom = await app.CreateRoomAsync();
        var mine = await app.CreateBookablePatientAsync();
        await app.ScreenedDaysAgoAsync(mine.PatientId, 3);
        var theirs = await app.CreateBookablePatientAsync();
        var myBooking = await app.InsertBookingAsync(mine, 1, me, room, Today.AddHours(11), BookingStatus.Booked);
        var theirBooking = await app.InsertBookingAsync(theirs, 1, other, otherRoom, Today.AddHours(11), BookingStatus.Booked);

        var page = await client.GetDocumentAsync("/MyDay");

        var row = page.QuerySelector($"[data-testid=sitting-{myBooking}]");
        Assert.NotNull(row);
        Assert.Contains("11:00", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Due", page.QuerySelector($"[data-testid=stage-{myBooking}]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Re-screen at check-in", page.QuerySelector($"[data-testid=due-{myBooking}]")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(row.QuerySelector($"a[href='/Bookings/Details/{myBooking}']"));
        Assert.NotNull(row.QuerySelector($"a[href='/Patients/Details/{mine.PatientId}']"));
        Assert.Null(page.QuerySelector($"[data-testid=sitting-{theirBooking}]"));
        Assert.DoesNotContain($"/Bookings/Details/{theirBooking}\"", page.Source.Text, StringComparison.Ordinal);

        // 09:00 now; their hours are 09:00–18:00 and the 11:00 sitting takes 11:00–12:00 (with turnover).
        Assert.Contains("From 09:00 until 11:00", page.QuerySelector("[data-testid=next-gap]")!.TextContent, StringComparison.Ordinal);

        // Front desk sees both on the clinic's day.
        var frontDesk = await (await app.LoginAsAsync(Roles.FrontDesk)).GetDocumentAsync("/Today");
        Assert.NotNull(frontDesk.QuerySelector($"[data-testid=arrival-{myBooking}]"));
        Assert.NotNull(frontDesk.QuerySelector($"[data-testid=arrival-{theirBooking}]"));
    }

    [Fact]
    public async Task A_clinician_without_sittings_today_is_told_so()
    {
        var (_, client) = await SignedInClinicianAsync("Dr Empty " + ClinicAppFactory.UniqueName());

        var page = await client.GetDocumentAsync("/MyDay");

        Assert.Equal("No sittings today.", page.QuerySelector("[data-testid=no-sittings]")!.TextContent.Trim());
    }

    [Fact]
    public async Task Front_desk_sees_who_is_on_hold_and_what_is_due_but_no_clinical_detail_on_today()
    {
        var record = await PatientWithClinicalRecord.CreateAsync(app);
        var clinician = await app.CreateClinicianAsync();
        var room = await app.CreateRoomAsync();
        var held = await app.CreateBookablePatientAsync();
        var marker = "Blistering " + ClinicAppFactory.UniqueName();
        await app.GetAsync(sp => sp.GetRequiredService<SideEffectService>().RecordAsync(new RecordSideEffectCommand
        {
            PatientId = held.PatientId,
            Kind = SideEffectKind.Infection,
            Severity = Severity.Severe,
            OnsetDate = new DateOnly(2026, 3, 9),
            Description = marker,
            ActionTaken = marker + " action",
        }));
        var heldBooking = await app.InsertBookingAsync(held, 1, clinician, room, Today.AddHours(15), BookingStatus.Booked);
        var frontDesk = await app.LoginAsAsync(Roles.FrontDesk);

        var response = await frontDesk.GetAsync("/Today");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        var page = await response.ReadDocumentAsync();

        Assert.Contains(record.LastName, html, StringComparison.Ordinal);
        Assert.Contains("On hold: see a clinician", page.QuerySelector($"[data-testid=before-{heldBooking}]")!.TextContent, StringComparison.Ordinal);
        var leaks = record.ClinicalTexts.Concat(record.WhyItEndedTexts).Concat(PatientWithClinicalRecord.ScreeningAnswerTexts).Append(marker)
            .Where(text => html.Contains(text, StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.Empty(leaks);
        Assert.DoesNotContain("Infection", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Front_desk_checks_a_patient_in_from_today()
    {
        var clinician = await app.CreateClinicianAsync();
        var room = await app.CreateRoomAsync();
        var plan = await app.CreateBookablePatientAsync();
        await app.ScreenedDaysAgoAsync(plan.PatientId, 3);
        var booking = await app.InsertBookingAsync(plan, 1, clinician, room, Today.AddHours(13), BookingStatus.Booked);
        var frontDesk = await app.LoginAsAsync(Roles.FrontDesk);
        var page = await frontDesk.GetDocumentAsync("/Today");
        Assert.Contains("Re-screen at check-in", page.QuerySelector($"[data-testid=before-{booking}]")!.TextContent, StringComparison.Ordinal);
        var form = page.QuerySelector($"[data-testid=arrival-{booking}] form")!;
        var token = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        var response = await frontDesk.PostFieldsAsync(form.GetAttribute("action")!, [new("__RequestVerificationToken", token)]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/Bookings/Details/{booking}", response.Headers.Location!.OriginalString);
        Assert.Equal(BookingStatus.CheckedIn, await app.GetAsync(sp => sp.GetRequiredService<ClinicDbContext>().Bookings.Where(b => b.Id == booking).Select(b => b.Status).SingleAsync()));
        var after = await frontDesk.GetDocumentAsync("/Today");
        Assert.Equal("Arrived", after.QuerySelector($"[data-testid=stage-{booking}]")!.TextContent.Trim());
        Assert.Null(after.QuerySelector($"[data-testid=arrival-{booking}] form"));
    }
}
