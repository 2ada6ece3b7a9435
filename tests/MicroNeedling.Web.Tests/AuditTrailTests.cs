using System.Globalization;
using System.Net;
using MicroNeedling.Clinic.Audit;
using MicroNeedling.Clinic.Bookings;
using MicroNeedling.Clinic.Data;
using MicroNeedling.Clinic.Staff;
using MicroNeedling.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MicroNeedling.Web.Tests;

/// <summary>Views of patient records land in the audit trail with the signed-in user, and admins (only) read it, filtered.</summary>
[Collection(SharedApp.Name)]
public sealed class AuditTrailTests(ClinicAppFactory app)
{
    private Task<List<AuditEntry>> EntriesAsync(Func<AuditEntry, bool> which) => app.GetAsync(async sp =>
        (await sp.GetRequiredService<ClinicDbContext>().AuditEntries.AsNoTracking().OrderBy(e => e.Id).ToListAsync()).Where(which).ToList());

    private Task<List<AuditEntry>> ViewsOfPatientAsync(int patientId) =>
        EntriesAsync(e => e.Action == AuditActions.View && e.PatientId == patientId);

    [Fact]
    public async Task Viewing_a_patients_details_as_a_clinician_writes_one_view_entry_with_that_user()
    {
        var patientId = await app.CreatePatientAsync();
        var clinician = await app.LoginAsAsync(Roles.Clinician);

        var response = await clinician.GetAsync($"/Patients/Details/{patientId}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var view = Assert.Single(await ViewsOfPatientAsync(patientId));
        Assert.Equal("clinician@tests.clinic", view.UserName);
        Assert.Equal(("Patient", patientId.ToString(CultureInfo.InvariantCulture)), (view.EntityType, view.EntityId));
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime, view.AtUtc);
        Assert.Null(view.ChangedFields);
    }

    [Theory]
    [InlineData("/Patients/Edit/{patient}", "Patient")]
    [InlineData("/Screening/Details/{screening}", "Screening")]
    [InlineData("/Screening/Clearance/{screening}", "Screening")]
    [InlineData("/Plans/Details/{plan}", "CoursePlan")]
    [InlineData("/Plans/Cancel/{plan}", "CoursePlan")]
    [InlineData("/Plans/BookCourse/{plan}", "CoursePlan")]
    [InlineData("/Bookings/Details/{booking}", "Booking")]
    [InlineData("/Bookings/Move/{booking}", "Booking")]
    [InlineData("/Sittings/Details/{booking}", "Booking")]
    [InlineData("/SideEffects/Create?patientId={patient}", "Patient")]
    public async Task Every_page_that_shows_one_patients_record_writes_a_view_entry_for_that_patient(string url, string entityType)
    {
        var plan = await app.CreateBookablePatientAsync();
        var screeningId = await app.GetAsync(sp => sp.GetRequiredService<ClinicDbContext>().Screenings.Where(s => s.PatientId == plan.PatientId).Select(s => s.Id).SingleAsync());
        var bookingId = await app.InsertBookingAsync(plan, 1, await app.CreateClinicianAsync(), await app.CreateRoomAsync(),
            new DateTime(2026, 3, 17, 10, 0, 0, DateTimeKind.Utc), BookingStatus.Booked);
        var clinician = await app.LoginAsAsync(Roles.Clinician);
        var path = url.Replace("{patient}", $"{plan.PatientId}").Replace("{screening}", $"{screeningId}")
            .Replace("{plan}", $"{plan.Id}").Replace("{booking}", $"{bookingId}");

        var response = await clinician.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var view = Assert.Single(await ViewsOfPatientAsync(plan.PatientId));
        Assert.Equal(entityType, view.EntityType);
    }

    [Fact]
    public async Task A_record_that_is_not_found_or_a_list_of_many_patients_writes_no_view_entry()
    {
        var client = await app.LoginAsAsync(Roles.Clinician);
        var before = (await EntriesAsync(_ => true)).Count;

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/Patients/Details/987654")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Calendar?date=2026-03-10")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Patients?q=Zz")).StatusCode);

        Assert.Equal(before, (await EntriesAsync(_ => true)).Count);
    }

    [Theory]
    [InlineData(Roles.FrontDesk)]
    [InlineData(Roles.Clinician)]
    public async Task Only_admins_may_read_the_audit_trail_or_run_the_check(string role)
    {
        var client = await app.LoginAsAsync(role);

        var page = await client.GetAsync("/Admin/Audit");
        var verify = await client.PostFormAsync("/Patients", [], postUrl: "/Admin/Audit?handler=Verify");

        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, verify.StatusCode);
    }

    [Fact]
    public async Task The_admin_page_filters_by_patient_user_and_date()
    {
        var lastName = ClinicAppFactory.UniqueName();
        var patientId = await app.CreatePatientAsync(lastName);
        var other = await app.CreatePatientAsync();
        await (await app.LoginAsAsync(Roles.Clinician)).GetAsync($"/Patients/Details/{patientId}");
        await (await app.LoginAsAsync(Roles.FrontDesk)).GetAsync($"/Patients/Details/{patientId}");
        await (await app.LoginAsAsync(Roles.FrontDesk)).GetAsync($"/Patients/Details/{other}");
        var admin = await app.LoginAsAsync(Roles.Admin);
        var today = app.Clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture); // 10 March: London is on UTC

        var byPatient = await RowsAsync(admin, $"/Admin/Audit?patientId={patientId}");
        var byPatientAndUser = await RowsAsync(admin, $"/Admin/Audit?patientId={patientId}&userName=frontdesk@tests.clinic");
        var onTheDay = await RowsAsync(admin, $"/Admin/Audit?patientId={patientId}&from={today}&to={today}");
        var dayAfter = await RowsAsync(admin, $"/Admin/Audit?patientId={patientId}&from=2026-03-11");

        // The patient's registration (Create, by "system": the test host registers straight through the service) and two views.
        Assert.Equal(3, byPatient.Count);
        Assert.All(byPatient, row => Assert.Equal($"Test {lastName}", row[6]));
        Assert.Equal(2, byPatient.Count(row => row[3] == "View"));
        var frontDeskView = Assert.Single(byPatientAndUser);
        Assert.Equal(["frontdesk@tests.clinic", "View", "Patient", $"{patientId}"], frontDeskView[2..6]);
        Assert.Equal(3, onTheDay.Count);
        Assert.Empty(dayAfter);
    }

    [Theory]
    [InlineData("from=2026-02-31", "From", "is not valid here")]
    [InlineData("patientId=abc", "patient", "\"abc\" is not valid here")]
    [InlineData("patientId=0", "patient", "1 or more")]
    [InlineData("from=2026-03-10&to=2026-03-01", "To", "on or after the start date")]
    public async Task A_bad_filter_gets_a_message_next_to_its_field_and_no_list(string query, string field, string message)
    {
        var admin = await app.LoginAsAsync(Roles.Admin);

        var response = await admin.GetAsync($"/Admin/Audit?{query}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = await response.ReadDocumentAsync();
        Assert.Contains(message, document.FieldError(field));
        Assert.Null(document.QuerySelector("table.list"));
        Assert.Contains("Correct the filters", document.Body!.TextContent);
    }

    /// <summary>The cells of each row of the entries table: entry, when, user, action, record, record id, patient, fields.</summary>
    private static async Task<List<string[]>> RowsAsync(HttpClient client, string url)
    {
        var document = await client.GetDocumentAsync(url);
        return document.QuerySelectorAll("table.list tbody tr")
            .Select(row => row.QuerySelectorAll("td").Select(cell => cell.TextContent.Trim()).ToArray())
            .ToList();
    }
}
