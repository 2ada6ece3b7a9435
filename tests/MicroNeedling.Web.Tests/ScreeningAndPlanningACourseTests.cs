using System.Net;
using MicroNeedling.Clinic.Data;
using MicroNeedling.Clinic.Plans;
using MicroNeedling.Clinic.Screening;
using MicroNeedling.Clinic.Staff;
using MicroNeedling.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MicroNeedling.Web.Tests;

[Collection(SharedApp.Name)]
public sealed class ScreeningAndPlanningACourseTests(ClinicAppFactory app)
{
    private static List<KeyValuePair<string, string>> Answers(
        int patientId, string eczema = "false", string pregnancy = "No", string radiation = "false", string radiationDate = "") =>
    [
        new("Input.PatientId", patientId.ToString()),
        new("Input.Eczema", eczema),
        new("Input.Psoriasis", "false"),
        new("Input.ActiveAcne", "false"),
        new("Input.OpenWounds", "false"),
        new("Input.Pregnancy", pregnancy),
        new("Input.RadiationTherapy", radiation),
        new("Input.RadiationDate", radiationDate),
        new("Input.Notes", ""),
    ];

    private static List<KeyValuePair<string, string>> PlanForm(int patientId, string sittings = "6", string reason = "") =>
    [
        new("Input.PatientId", patientId.ToString()),
        new("Input.Concerns", "Scars"),
        new("Input.Areas", "Face"),
        new("Input.SittingCount", sittings),
        new("Input.SittingCountReason", reason),
        new("Input.MinutesPerSitting", "15"),
        new("Input.NumbingLeadMinutes", "30"),
        new("Input.MinIntervalDays", "28"),
        new("Input.MaxIntervalDays", "42"),
        new("Input.Notes", ""),
    ];

    private Task<List<CoursePlan>> PlansOfAsync(int patientId) =>
        app.GetAsync(sp => sp.GetRequiredService<ClinicDbContext>().CoursePlans.Include(p => p.Sittings)
            .Where(p => p.PatientId == patientId).ToListAsync());

    private Task<List<Screening>> ScreeningsOfAsync(int patientId) =>
        app.GetAsync(sp => sp.GetRequiredService<ClinicDbContext>().Screenings.Include(s => s.Clearance)
            .Where(s => s.PatientId == patientId).ToListAsync());

    [Fact]
    public async Task Clinician_screens_a_suitable_patient_and_plans_a_six_sitting_course()
    {
        var client = await app.LoginAsAsync(Roles.Clinician);
        var patientId = await app.CreatePatientAsync();

        var screened = await client.PostFormAsync($"/Screening/Create?patientId={patientId}", Answers(patientId), "/Screening/Create");
        Assert.Equal(HttpStatusCode.Redirect, screened.StatusCode);
        var outcome = await client.GetDocumentAsync(screened.Headers.Location!.OriginalString);
        Assert.Equal("Suitable", outcome.QuerySelector("[data-testid=screening-outcome]")!.TextContent);

        var details = await client.GetDocumentAsync($"/Patients/Details/{patientId}");
        Assert.Equal("Suitable", details.QuerySelector("[data-testid=screening-status]")!.TextContent);

        var planned = await client.PostFormAsync($"/Plans/Create?patientId={patientId}", PlanForm(patientId), "/Plans/Create");

        Assert.Equal(HttpStatusCode.Redirect, planned.StatusCode);
        var plan = Assert.Single(await PlansOfAsync(patientId));
        Assert.Equal(6, plan.SittingCount);
        Assert.Equal([1, 2, 3, 4, 5, 6], plan.Sittings.Select(s => s.Number).Order());
        Assert.All(plan.Sittings, s => Assert.Equal(SittingStatus.NotBooked, s.Status));
        Assert.Equal("clinician@tests.clinic", plan.CreatedBy);
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime, plan.CreatedAtUtc);
    }

    [Fact]
    public async Task An_unanswered_question_is_named_and_no_screening_is_stored()
    {
        var client = await app.LoginAsAsync(Roles.Clinician);
        var patientId = await app.CreatePatientAsync();
        var form = Answers(patientId).Where(f => f.Key != "Input.Psoriasis");

        var response = await client.PostFormAsync($"/Screening/Create?patientId={patientId}", form, "/Screening/Create");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.Equal("Answer whether the patient has psoriasis.", page.FieldError("Input.Psoriasis"));
        Assert.True(page.GetElementById("Input_Eczema_false")!.HasAttribute("checked"));
        Assert.Empty(await ScreeningsOfAsync(patientId));
    }

    [Fact]
    public async Task Planning_is_refused_for_a_patient_who_is_not_suitable()
    {
        var client = await app.LoginAsAsync(Roles.Clinician);
        var patientId = await app.CreatePatientAsync();
        var screened = await client.PostFormAsync($"/Screening/Create?patientId={patientId}", Answers(patientId, eczema: "true"), "/Screening/Create");
        var outcome = await client.GetDocumentAsync(screened.Headers.Location!.OriginalString);
        Assert.Equal("Not suitable", outcome.QuerySelector("[data-testid=screening-outcome]")!.TextContent);
        Assert.Contains("Eczema", outcome.QuerySelector(".reasons")!.TextContent);

        var planned = await client.PostFormAsync($"/Plans/Create?patientId={patientId}", PlanForm(patientId), "/Plans/Create");

        Assert.Equal(HttpStatusCode.OK, planned.StatusCode);
        Assert.Contains("A course cannot be planned: Not suitable", (await planned.ReadDocumentAsync()).ErrorSummary());
        Assert.Empty(await PlansOfAsync(patientId));
    }

    [Fact]
    public async Task Planning_is_refused_for_a_patient_never_screened()
    {
        var client = await app.LoginAsAsync(Roles.Clinician);
        var patientId = await app.CreatePatientAsync();

        var planned = await client.PostFormAsync($"/Plans/Create?patientId={patientId}", PlanForm(patientId), "/Plans/Create");

        Assert.Equal(HttpStatusCode.OK, planned.StatusCode);
        Assert.Contains("has not been screened", (await planned.ReadDocumentAsync()).ErrorSummary());
        Assert.Empty(await PlansOfAsync(patientId));
    }

    [Fact]
    public async Task Pregnancy_needs_a_recorded_clearance_before_a_course_can_be_planned()
    {
        var client = await app.LoginAsAsync(Roles.Clinician);
        var patientId = await app.CreatePatientAsync();
        var screened = await client.PostFormAsync($"/Screening/Create?patientId={patientId}", Answers(patientId, pregnancy: "Yes"), "/Screening/Create");
        var screeningUrl = screened.Headers.Location!.OriginalString;
        var screeningId = int.Parse(screeningUrl.Split('/').Last());

        var refused = await client.PostFormAsync($"/Plans/Create?patientId={patientId}", PlanForm(patientId), "/Plans/Create");
        Assert.Contains("clearance is required", (await refused.ReadDocumentAsync()).ErrorSummary());
        Assert.Empty(await PlansOfAsync(patientId));

        var incomplete = await client.PostFormAsync($"/Screening/Clearance/{screeningId}",
            new Dictionary<string, string> { ["Input.DoctorName"] = "", ["Input.ClearedOn"] = "" });
        var incompletePage = await incomplete.ReadDocumentAsync();
        Assert.Equal(HttpStatusCode.OK, incomplete.StatusCode);
        Assert.Equal("Enter the name of the doctor who gave the clearance.", incompletePage.FieldError("Input.DoctorName"));
        Assert.Equal("Enter the date of the clearance.", incompletePage.FieldError("Input.ClearedOn"));

        var cleared = await client.PostFormAsync($"/Screening/Clearance/{screeningId}",
            new Dictionary<string, string> { ["Input.DoctorName"] = "Dr Okafor", ["Input.ClearedOn"] = "2026-03-09", ["Input.Note"] = "Obstetrician agrees." });
        Assert.Equal(HttpStatusCode.Redirect, cleared.StatusCode);
        var details = await client.GetDocumentAsync($"/Patients/Details/{patientId}");
        Assert.Equal("Suitable with clearance", details.QuerySelector("[data-testid=screening-status]")!.TextContent);

        var planned = await client.PostFormAsync($"/Plans/Create?patientId={patientId}", PlanForm(patientId), "/Plans/Create");
        Assert.Equal(HttpStatusCode.Redirect, planned.StatusCode);
        Assert.Single(await PlansOfAsync(patientId));
        var clearance = (await ScreeningsOfAsync(patientId)).Single().Clearance!;
        Assert.Equal("Dr Okafor", clearance.DoctorName);
        Assert.Equal("clinician@tests.clinic", clearance.CreatedBy);
    }

    [Fact]
    public async Task A_clearance_cannot_override_a_not_suitable_screening()
    {
        var client = await app.LoginAsAsync(Roles.Clinician);
        var patientId = await app.CreatePatientAsync();
        var screeningId = await app.ScreenAsync(patientId, eczema: true, pregnancy: PregnancyAnswer.Yes);

        var response = await client.PostFormAsync($"/Screening/Clearance/{screeningId}",
            new Dictionary<string, string> { ["Input.DoctorName"] = "Dr Okafor", ["Input.ClearedOn"] = "2026-03-09" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("cannot override", (await response.ReadDocumentAsync()).ErrorSummary());
        Assert.Null((await ScreeningsOfAsync(patientId)).Single().Clearance);
    }

    [Fact]
    public async Task A_course_of_four_sittings_needs_a_reason()
    {
        var client = await app.LoginAsAsync(Roles.Clinician);
        var patientId = await app.CreatePatientAsync();
        await app.ScreenAsync(patientId);

        var refused = await client.PostFormAsync($"/Plans/Create?patientId={patientId}", PlanForm(patientId, sittings: "4"), "/Plans/Create");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await refused.ReadDocumentAsync();
        Assert.Contains("needs a reason", page.FieldError("Input.SittingCountReason"));
        Assert.Equal("4", page.GetElementById("Input_SittingCount")!.GetAttribute("value"));
        Assert.Empty(await PlansOfAsync(patientId));

        var planned = await client.PostFormAsync($"/Plans/Create?patientId={patientId}",
            PlanForm(patientId, sittings: "4", reason: "Maintenance course after an earlier full course."), "/Plans/Create");
        Assert.Equal(HttpStatusCode.Redirect, planned.StatusCode);
        Assert.Equal(4, (await PlansOfAsync(patientId)).Single().Sittings.Count);
    }

    [Fact]
    public async Task Pressing_plan_twice_creates_one_course()
    {
        var client = await app.LoginAsAsync(Roles.Clinician);
        var patientId = await app.CreatePatientAsync();
        await app.ScreenAsync(patientId);

        var first = await client.PostFormAsync($"/Plans/Create?patientId={patientId}", PlanForm(patientId), "/Plans/Create");
        var second = await client.PostFormAsync($"/Plans/Create?patientId={patientId}", PlanForm(patientId), "/Plans/Create");

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Contains("already has an active course", (await second.ReadDocumentAsync()).ErrorSummary());
        Assert.Single(await PlansOfAsync(patientId));
    }

    [Fact]
    public async Task Cancelling_a_course_needs_a_reason_and_keeps_its_history()
    {
        var client = await app.LoginAsAsync(Roles.Clinician);
        var patientId = await app.CreatePatientAsync();
        await app.ScreenAsync(patientId);
        var planned = await client.PostFormAsync($"/Plans/Create?patientId={patientId}", PlanForm(patientId), "/Plans/Create");
        var planId = int.Parse(planned.Headers.Location!.OriginalString.Split('/').Last());

        var noReason = await client.PostFormAsync($"/Plans/Cancel/{planId}", new Dictionary<string, string> { ["Input.Reason"] = " " });
        Assert.Equal("Give a reason for cancelling the course.", (await noReason.ReadDocumentAsync()).FieldError("Input.Reason"));

        var cancelled = await client.PostFormAsync($"/Plans/Cancel/{planId}", new Dictionary<string, string> { ["Input.Reason"] = "Patient moved away." });

        Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);
        var plan = (await PlansOfAsync(patientId)).Single();
        Assert.Equal(PlanStatus.Cancelled, plan.Status);
        Assert.Equal("Patient moved away.", plan.CancellationReason);
        Assert.Equal("clinician@tests.clinic", plan.CancelledBy);
        Assert.Equal(6, plan.Sittings.Count);
        var page = await client.GetDocumentAsync($"/Plans/Details/{planId}");
        Assert.Equal("Cancelled", page.QuerySelector("[data-testid=plan-status]")!.TextContent);
    }
}
