using System.Net;
using MicroNeedling.Clinic.Data;
using MicroNeedling.Clinic.Screening;
using MicroNeedling.Clinic.Staff;
using MicroNeedling.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MicroNeedling.Web.Tests;

[Collection(SharedApp.Name)]
public sealed class RoleLimitsTests(ClinicAppFactory app)
{
    [Theory]
    [InlineData(Roles.FrontDesk, "/Screening/Create?patientId={0}")]
    [InlineData(Roles.FrontDesk, "/Plans/Create?patientId={0}")]
    [InlineData(Roles.FrontDesk, "/Admin/Staff")]
    [InlineData(Roles.FrontDesk, "/Admin/Settings")]
    [InlineData(Roles.Clinician, "/Admin/Staff")]
    [InlineData(Roles.Clinician, "/Admin/Settings")]
    [InlineData(Roles.Admin, "/Patients")]
    [InlineData(Roles.Admin, "/Patients/Details/{0}")]
    [InlineData(Roles.Admin, "/Screening/Create?patientId={0}")]
    public async Task A_role_without_the_right_gets_403(string role, string urlFormat)
    {
        var patientId = await app.CreatePatientAsync();
        var client = await app.LoginAsAsync(role);

        var response = await client.GetAsync(string.Format(urlFormat, patientId));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("You do not have access", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Front_desk_cannot_post_a_screening_or_a_plan()
    {
        var patientId = await app.CreatePatientAsync();
        var client = await app.LoginAsAsync(Roles.FrontDesk);

        // The token comes from a page front desk may open; the post itself must still be refused by role.
        var screening = await client.PostFormAsync("/Patients/Create",
            [new("Input.PatientId", patientId.ToString()), new("Input.Eczema", "false"), new("Input.Psoriasis", "false"),
             new("Input.ActiveAcne", "false"), new("Input.OpenWounds", "false"), new("Input.Pregnancy", "No"), new("Input.RadiationTherapy", "false")],
            postUrl: "/Screening/Create");
        var plan = await client.PostFormAsync("/Patients/Create",
            [new("Input.PatientId", patientId.ToString()), new("Input.Concerns", "Scars"), new("Input.Areas", "Face"), new("Input.SittingCount", "6"),
             new("Input.MinutesPerSitting", "15"), new("Input.NumbingLeadMinutes", "30"), new("Input.MinIntervalDays", "28"), new("Input.MaxIntervalDays", "42")],
            postUrl: "/Plans/Create");

        Assert.Equal(HttpStatusCode.Forbidden, screening.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, plan.StatusCode);
        var db = await app.GetAsync(async sp =>
        {
            var context = sp.GetRequiredService<ClinicDbContext>();
            return (await context.Screenings.CountAsync(s => s.PatientId == patientId), await context.CoursePlans.CountAsync(p => p.PatientId == patientId));
        });
        Assert.Equal((0, 0), db);
    }

    [Fact]
    public async Task Front_desk_sees_the_screening_outcome_but_not_the_answers_or_reasons()
    {
        var patientId = await app.CreatePatientAsync();
        await app.ScreenAsync(patientId, eczema: true, pregnancy: PregnancyAnswer.Yes);
        var frontDesk = await app.LoginAsAsync(Roles.FrontDesk);
        var clinician = await app.LoginAsAsync(Roles.Clinician);

        var frontDeskHtml = await (await frontDesk.GetAsync($"/Patients/Details/{patientId}")).Content.ReadAsStringAsync();
        var clinicianHtml = await (await clinician.GetAsync($"/Patients/Details/{patientId}")).Content.ReadAsStringAsync();

        Assert.Contains("Not suitable", frontDeskHtml);
        Assert.DoesNotContain("Eczema", frontDeskHtml, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Pregnan", frontDeskHtml, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Screening history", frontDeskHtml);
        Assert.Contains("Eczema", clinicianHtml);
        Assert.Contains("Screening history", clinicianHtml);
    }

    [Fact]
    public async Task Admin_creates_a_staff_account_and_can_disable_it()
    {
        var admin = await app.LoginAsAsync(Roles.Admin);
        var email = $"{ClinicAppFactory.UniqueName().ToLowerInvariant()}@tests.clinic";

        var tooShort = await admin.PostFormAsync("/Admin/Staff/Create", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "New Clinician",
            ["Input.Email"] = email,
            ["Input.Role"] = Roles.Clinician,
            ["Input.Password"] = "short",
        });
        Assert.Equal(HttpStatusCode.OK, tooShort.StatusCode);
        Assert.Contains("at least 12 characters", (await tooShort.ReadDocumentAsync()).FieldError("Input.Password"));

        var created = await admin.PostFormAsync("/Admin/Staff/Create", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "New Clinician",
            ["Input.Email"] = email,
            ["Input.Role"] = Roles.Clinician,
            ["Input.Password"] = ClinicAppFactory.Password,
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);

        var newcomer = app.CreateBrowserlessClient();
        var login = new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = ClinicAppFactory.Password };
        Assert.Equal(HttpStatusCode.Redirect, (await newcomer.PostFormAsync("/Account/Login", login)).StatusCode);

        var userId = await app.GetAsync(async sp => (await sp.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<StaffUser>>().FindByEmailAsync(email))!.Id);
        var disabled = await admin.PostFormAsync("/Admin/Staff", [new("userId", userId)], postUrl: "/Admin/Staff?handler=Disable");
        Assert.Equal(HttpStatusCode.Redirect, disabled.StatusCode);

        var refused = await app.CreateBrowserlessClient().PostFormAsync("/Account/Login", login);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("disabled", (await refused.ReadDocumentAsync()).ErrorSummary());
    }
}
