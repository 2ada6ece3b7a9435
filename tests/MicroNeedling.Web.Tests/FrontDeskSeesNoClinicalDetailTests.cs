using System.Net;
using MicroNeedling.Clinic.Plans;
using MicroNeedling.Clinic.Staff;
using MicroNeedling.Testing;
using Xunit.Abstractions;

namespace MicroNeedling.Web.Tests;

/// <summary>
/// ADR 0007: front desk receives the outcome and the statuses, never screening answers, clearance notes, charts or
/// side-effect details. Checked on the HTML of every page front desk may open (read from the access matrix, so a new page
/// is included) and of every form response they can trigger, for a patient whose every clinical text carries a marker.
/// </summary>
[Collection(SharedApp.Name)]
public sealed class FrontDeskSeesNoClinicalDetailTests(ClinicAppFactory app, ITestOutputHelper output)
{
    /// <summary>Views of the pages beyond the matrix's one URL each: other records, the calendar's views, searches.</summary>
    private static readonly string[] MoreViews =
    [
        "/Bookings/Details/{completedBooking}",
        "/Plans/Details/{cancelledPlan}",
        "/Bookings/Details/{cancelledCourseBooking}",
        "/Bookings/Details/{cancelledCourseCheckedInBooking}",
        "/Plans/Details/{stoppedPlan}",
        "/Bookings/Details/{stoppedCourseBooking}",
        "/Bookings/Details/{notPerformedBooking}",
        "/Calendar?date=2026-03-10",
        "/Calendar?date=2026-03-17",
        "/Calendar?date=2026-03-24",
        "/Calendar?date=2026-03-24&view=week&clinicianId={clinician}",
        "/Calendar?date=2026-03-10&by=room",
        "/Calendar?date=2026-03-10&view=week&clinicianId={clinician}",
        "/Calendar?date=2026-04-14&view=week&roomId={room}",
        "/Calendar?date=2026-04-14",
        "/Patients?q={lastName}",
        "/Bookings/Create?q={lastName}",
    ];

    /// <summary>Forms front desk can send that show no patient's record in their answer, so posting them proves nothing here.</summary>
    private static readonly string[] FormsWithoutPatientData = ["/Account/Login", "/Account/Logout"];

    [Fact]
    public async Task Front_desk_receives_outcomes_and_statuses_but_no_clinical_detail_on_any_page_or_form_response()
    {
        var record = await PatientWithClinicalRecord.CreateAsync(app);
        var frontDesk = await app.LoginAsAsync(Roles.FrontDesk);
        var html = new Dictionary<string, string>(StringComparer.Ordinal);

        var frontDeskRows = PageAccessMatrixTests.Matrix.Where(r => r.FrontDesk == PageAccessMatrixTests.Ok).ToList();
        foreach (var url in frontDeskRows.Select(r => r.Url).Concat(MoreViews).Select(record.Fill))
        {
            html[$"GET {url}"] = await ReadFollowingRedirectAsync(frontDesk, await frontDesk.GetAsync(url));
        }

        // Every POST handler of those pages, sent as a browser would with the page's hidden fields and nothing typed:
        // the answers are the re-shown forms with their messages, or a refusal shown on the page.
        var pages = (await AppPages.LoadAsync(app)).ToDictionary(p => p.Path, StringComparer.Ordinal);
        foreach (var row in frontDeskRows.Where(r => !FormsWithoutPatientData.Contains(r.Page)))
        {
            foreach (var handler in pages[row.Page].PostHandlers)
            {
                var url = AppPage.WithHandler(record.Fill(row.Url), handler);
                var page = await frontDesk.GetDocumentAsync(record.Fill(row.Url));
                var hidden = page.QuerySelectorAll("form[method=post] input[type=hidden]")
                    .Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value") ?? ""))
                    .DistinctBy(f => f.Key);
                html[$"POST {url}"] = await ReadFollowingRedirectAsync(frontDesk, await frontDesk.PostFieldsAsync(url, hidden));
            }
        }

        // Forms filled in wrongly on purpose, so the page is re-shown with the patient's record around the messages.
        html["POST Bookings/Create (past date)"] = await ReadFollowingRedirectAsync(frontDesk, await frontDesk.PostFormAsync(
            record.Fill("/Bookings/Create?sittingId={unbookedSitting}"),
            [new("Input.SittingId", record.UnbookedSittingId.ToString()), new("Input.ClinicianId", record.ClinicianId),
             new("Input.RoomId", record.RoomId.ToString()), new("Input.Date", "2026-03-09"), new("Input.Time", "10:00")]));
        html["POST Bookings/Details (check in a completed sitting)"] = await ReadFollowingRedirectAsync(frontDesk, await frontDesk.PostFormAsync(
            record.Fill("/Bookings/Details/{completedBooking}"), [], postUrl: record.Fill("/Bookings/Details/{completedBooking}?handler=CheckIn")));
        html["POST SideEffects/Create (no description)"] = await ReadFollowingRedirectAsync(frontDesk, await frontDesk.PostFormAsync(
            record.Fill("/SideEffects/Create?patientId={patient}"),
            [new("Input.PatientId", record.PatientId.ToString()), new("Input.Kind", "Redness"), new("Input.Severity", "Mild"), new("Input.OnsetDate", "2026-03-10")]));

        var leaks = (
            from page in html
            from text in record.ClinicalTexts.Concat(record.WhyItEndedTexts).Concat(PatientWithClinicalRecord.ScreeningAnswerTexts)
            where page.Value.Contains(text, StringComparison.OrdinalIgnoreCase)
            select $"{page.Key} contains \"{text}\"").ToList();
        Assert.True(leaks.Count == 0, string.Join(Environment.NewLine, leaks));

        // The outcome and statuses are there.
        var patient = html[$"GET /Patients/Details/{record.PatientId}"];
        Assert.Contains("Suitable with clearance", patient);
        Assert.Contains("Side-effect details are for clinicians. 2 recorded.", patient);
        Assert.Contains("Cancelled", patient);
        Assert.Contains("Active", patient);
        Assert.Contains("Completed", html[$"GET /Bookings/Details/{record.CompletedBookingId}"]);
        Assert.Contains("Cancelled", html[$"GET /Plans/Details/{record.CancelledPlanId}"]);

        // The bookings a clinician's cancel or stop ended say so, in neutral words.
        Assert.Contains(PlanService.EndedByAClinician, html[$"GET /Bookings/Details/{record.CancelledCourseBookingId}"]);
        Assert.Contains("Not performed", html[$"GET /Bookings/Details/{record.CancelledCourseCheckedInBookingId}"]);
        Assert.Contains(PlanService.EndedByAClinician, html[$"GET /Bookings/Details/{record.StoppedCourseBookingId}"]);
        Assert.Contains("This sitting is completed, so it cannot be marked", html["POST Bookings/Details (check in a completed sitting)"]);
        output.WriteLine($"{html.Count} front-desk responses checked for {record.ClinicalTexts.Count + record.WhyItEndedTexts.Count + PatientWithClinicalRecord.ScreeningAnswerTexts.Count} clinical texts:{Environment.NewLine}{string.Join(Environment.NewLine, html.Keys)}");
    }

    [Fact]
    public async Task A_clinician_receives_every_clinical_text_the_front_desk_test_looks_for()
    {
        // Without this the test above could pass because the texts are shown nowhere at all.
        var record = await PatientWithClinicalRecord.CreateAsync(app);
        var clinician = await app.LoginAsAsync(Roles.Clinician);
        var html = "";
        foreach (var url in new[]
                 {
                     "/Patients/Details/{patient}", "/Screening/Details/{firstScreening}", "/Screening/Details/{screening}", "/Plans/Details/{plan}",
                     "/Plans/Details/{cancelledPlan}", "/Sittings/Details/{completedBooking}", "/SideEffects/Review/{sideEffect}",
                     "/Plans/Details/{stoppedPlan}",
                 })
        {
            var response = await clinician.GetAsync(record.Fill(url));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            html += await response.Content.ReadAsStringAsync();
        }

        Assert.All(record.ClinicalTexts, text => Assert.Contains(text, html, StringComparison.Ordinal));
        Assert.Contains("Stopped after the review of a side effect (infection)", html, StringComparison.Ordinal);
        Assert.Contains("Radiation", html, StringComparison.Ordinal);
        Assert.Contains(PatientWithClinicalRecord.RadiationDate.ToString("d MMM yyyy"), html, StringComparison.Ordinal);
    }

    private static async Task<string> ReadFollowingRedirectAsync(HttpClient client, HttpResponseMessage response)
    {
        for (var hops = 0; response.StatusCode == HttpStatusCode.Redirect && hops < 3; hops++)
        {
            response = await client.GetAsync(response.Headers.Location);
        }

        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Forbidden,
            $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} gave {(int)response.StatusCode}.");
        return await response.Content.ReadAsStringAsync();
    }
}
