using System.Net;
using System.Text.RegularExpressions;
using MicroNeedling.Clinic.Audit;
using MicroNeedling.Clinic.Bookings;
using MicroNeedling.Clinic.Calendar;
using MicroNeedling.Clinic.Data;
using MicroNeedling.Clinic.Sittings;
using MicroNeedling.Clinic.Staff;
using MicroNeedling.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MicroNeedling.Web.Tests;

/// <summary>
/// ASVS 4.2.1: every handler that takes an id answers 404 for a record the user may not see, exactly as for one that does not
/// exist. The table lists every GET and POST handler of every page that takes a patient, screening, plan, sitting, booking or
/// side-effect id; <see cref="The_table_covers_every_page_whose_route_takes_an_id"/> fails when a new page is not in it.
/// </summary>
[Collection(SharedApp.Name)]
public sealed partial class ObjectLevelAccessTests(ClinicAppFactory app)
{
    private const string OtherClinicianEmail = "other.clinician@tests.clinic";
    private const int Missing = 987654;

    /// <summary>
    /// One handler. Placeholders: {patient}, {screening}, {plan}, {sitting} (an unbooked sitting), {booked} (a future booking),
    /// {charted} (today's completed, charted sitting), {effect}. POSTs send only the id fields: enough to get past the access
    /// check, and then refused by validation, so the rows do not change the record for the next one.
    /// </summary>
    public sealed record Handler(string Method, string Url, string[] Fields, HttpStatusCode Owner, HttpStatusCode WithGrant)
    {
        public override string ToString() => $"{Method} {Url}";
    }

    private static readonly Handler[] Handlers =
    [
        Get("/Patients/Edit/{patient}"),
        Post("/Patients/Edit/{patient}"),

        // The export: the owner of a restricted record treats the patient; emergency access opens the record but does not
        // make its holder the treating clinician, so the export stays closed to them.
        new("GET", "/Patients/Export/{patient}", [], HttpStatusCode.OK, HttpStatusCode.NotFound),
        new("GET", "/Patients/Export/{patient}?handler=Fhir", [], HttpStatusCode.OK, HttpStatusCode.NotFound),

        // Restricting and lifting are the owner's: a grant opens the record but does not let its holder change who owns it.
        new("POST", "/Patients/Details/{patient}?handler=Restrict", [], HttpStatusCode.Redirect, HttpStatusCode.OK),
        new("POST", "/Patients/Details/{patient}?handler=LiftRestriction", [], HttpStatusCode.Redirect, HttpStatusCode.OK),
        Get("/Screening/Create?patientId={patient}"),
        Post("/Screening/Create", "Input.PatientId={patient}"),
        Get("/Screening/Details/{screening}"),
        Get("/Screening/Clearance/{screening}"),
        Post("/Screening/Clearance/{screening}"),
        Get("/Plans/Create?patientId={patient}"),
        Post("/Plans/Create", "Input.PatientId={patient}"),
        Get("/Plans/Details/{plan}"),
        Get("/Plans/Cancel/{plan}"),
        Post("/Plans/Cancel/{plan}"),
        Get("/Plans/BookCourse/{plan}"),
        Post("/Plans/BookCourse/{plan}"),
        Get("/Bookings/Create?sittingId={sitting}"),
        Post("/Bookings/Create", "Input.SittingId={sitting}"),
        Get("/Bookings/Details/{booked}"),
        Post("/Bookings/Details/{booked}?handler=CheckIn"),
        Post("/Bookings/Details/{booked}?handler=NoShow"),
        Post("/Bookings/Details/{booked}?handler=UndoNoShow"),
        Post("/Bookings/Details/{booked}?handler=NotPerformed"),
        Get("/Bookings/Move/{booked}"),
        Post("/Bookings/Move/{booked}"),
        Get("/Bookings/Cancel/{booked}"),
        Post("/Bookings/Cancel/{booked}"),
        Get("/Sittings/ReScreen/{booked}"),
        Post("/Sittings/ReScreen/{booked}"),
        Get("/Sittings/Chart/{booked}"),
        Post("/Sittings/Chart/{booked}"),
        Get("/Sittings/Chart/{charted}?amend=true"),
        Post("/Sittings/Chart/{charted}?amend=true"),
        Get("/Sittings/Details/{charted}"),
        Get("/Aftercare/Sheet/{charted}"),
        Get("/SideEffects/Create?patientId={patient}"),
        Post("/SideEffects/Create", "Input.PatientId={patient}"),
        Get("/SideEffects/Review/{effect}"),
        Post("/SideEffects/Review/{effect}"),
        Get("/Consent/Sign/{plan}"),
        Post("/Consent/Sign/{plan}"),
        Get("/Consent/Details/{consent}"),
        Get("/Consent/Withdraw/{consent}"),
        Post("/Consent/Withdraw/{consent}"),
        Get("/Photos/Sitting/{charted}"),
        Post("/Photos/Sitting/{charted}"),
        Get("/Photos/Course/{plan}"),
        Get("/Photos/Image/{photo}"),
        Get("/Photos/Image/{photo}?size=display"),
        Get("/Documents/Patient/{patient}"),
        Post("/Documents/Patient/{patient}"),
        Get("/Documents/File/{document}"),

        // An empty waitlist form is complete (any day, any time), so the owner's post is accepted; a second finds the first entry.
        Get("/Waitlist/Add/{plan}"),
        new("POST", "/Waitlist/Add/{plan}", [], HttpStatusCode.Redirect, HttpStatusCode.Redirect),
        Get("/Waitlist/Slot/{booked}"),
        Post("/Waitlist/Slot/{booked}?handler=Book"),
        Post("/Waitlist/Slot/{booked}?handler=Offer"),
    ];

    /// <summary>Pages whose route takes an id but which are not about one patient's record, or are the way in to one.</summary>
    private static readonly string[] NotPatientScoped =
    [
        "/Patients/Details", // other clinicians see the demographics and the emergency-access button: tested below
        "/Patients/EmergencyAccess", // the break-glass page itself: tested below
        "/Admin/Clinicians/Hours", // a member of staff, not a patient
        "/Admin/Consent/Edit", // a version of the clinic's consent text
        "/Unsubscribe/Index", // a patient's secret token, no staff login: CommunicatingWithPatientsTests
        "/Error", // a status code
        "/Reports/Report", // the name of a report, not a record: ReadingReportsTests
    ];

    /// <summary>By name, so each row is its own test case in the runner.</summary>
    public static TheoryData<string> AllHandlers => new(Handlers.Select(h => h.ToString()));

    private static Handler Get(string url) => new("GET", url, [], HttpStatusCode.OK, HttpStatusCode.OK);

    private static Handler Post(string url, params string[] fields) => new("POST", url, fields, HttpStatusCode.OK, HttpStatusCode.OK);

    [Theory]
    [MemberData(nameof(AllHandlers))]
    public async Task A_restricted_record_is_404_to_another_clinician_and_opens_with_a_live_grant_and_to_its_owner(string name)
    {
        var handler = Handlers.Single(h => h.ToString() == name);
        var record = await RestrictedRecordAsync();
        var other = await LoginAsOtherClinicianAsync();
        var owner = await app.LoginAsAsync(Roles.Clinician);

        var refused = await SendAsync(other, handler, record.Ids);
        await GrantAsync(record.PatientId, OtherClinicianEmail, TimeSpan.FromHours(1));
        var granted = await SendAsync(other, handler, record.Ids);
        var byOwner = await SendAsync(owner, handler, record.Ids);

        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Equal(handler.WithGrant, granted.StatusCode);
        Assert.Equal(handler.Owner, byOwner.StatusCode);
    }

    [Theory]
    [MemberData(nameof(AllHandlers))]
    public async Task An_expired_grant_opens_nothing(string name)
    {
        var handler = Handlers.Single(h => h.ToString() == name);
        var record = await RestrictedRecordAsync();
        await GrantAsync(record.PatientId, OtherClinicianEmail, TimeSpan.Zero);
        var other = await LoginAsOtherClinicianAsync();

        var response = await SendAsync(other, handler, record.Ids);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(AllHandlers))]
    public async Task An_id_that_does_not_exist_is_404(string name)
    {
        var handler = Handlers.Single(h => h.ToString() == name);
        var owner = await app.LoginAsAsync(Roles.Clinician);
        var missing = new Dictionary<string, int>
        {
            ["patient"] = Missing,
            ["screening"] = Missing,
            ["plan"] = Missing,
            ["sitting"] = Missing,
            ["booked"] = Missing,
            ["charted"] = Missing,
            ["effect"] = Missing,
            ["consent"] = Missing,
            ["photo"] = Missing,
            ["document"] = Missing,
        };

        var response = await SendAsync(owner, handler, missing);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public void The_table_covers_every_page_whose_route_takes_an_id()
    {
        var pagesWithIds = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null && e.RoutePattern.Parameters.Count > 0)
            .Select(e => e.Metadata.GetMetadata<PageActionDescriptor>()!.ViewEnginePath)
            .Distinct().ToList();
        var covered = Handlers.Select(h => PagePath().Match(h.Url).Value).Concat(NotPatientScoped).ToHashSet();

        Assert.NotEmpty(pagesWithIds);
        Assert.Equal([], pagesWithIds.Where(p => !covered.Contains(p)).Order());
    }

    [Fact]
    public async Task Front_desk_still_sees_a_restricted_patients_bookings_but_no_clinical_detail()
    {
        var record = await RestrictedRecordAsync();
        var frontDesk = await app.LoginAsAsync(Roles.FrontDesk);

        foreach (var url in new[]
                 {
                     $"/Patients/Details/{record.PatientId}", $"/Bookings/Details/{record.BookedId}", $"/Bookings/Move/{record.BookedId}",
                     $"/Plans/Details/{record.PlanId}", $"/Plans/BookCourse/{record.PlanId}", $"/Aftercare/Sheet/{record.ChartedId}",
                 })
        {
            Assert.Equal((url, HttpStatusCode.OK), (url, (await frontDesk.GetAsync(url)).StatusCode));
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await frontDesk.GetAsync($"/Screening/Details/{record.ScreeningId}")).StatusCode);
        var page = await frontDesk.GetDocumentAsync($"/Patients/Details/{record.PatientId}");
        Assert.Null(page.QuerySelector("[data-testid=restricted-notice]"));
        Assert.DoesNotContain("Emergency access", page.Body!.TextContent);
    }

    [Fact]
    public async Task Another_clinician_sees_the_demographics_of_a_restricted_record_and_the_way_to_emergency_access_only()
    {
        var record = await RestrictedRecordAsync();
        var other = await LoginAsOtherClinicianAsync();
        var owner = await app.LoginAsAsync(Roles.Clinician);

        var response = await other.GetAsync($"/Patients/Details/{record.PatientId}");
        var page = await response.ReadDocumentAsync();
        var ownerPage = await owner.GetDocumentAsync($"/Patients/Details/{record.PatientId}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(page.QuerySelector("[data-testid=restricted-notice]"));
        Assert.Equal($"/Patients/EmergencyAccess/{record.PatientId}", page.QuerySelector("a[href^='/Patients/EmergencyAccess']")?.GetAttribute("href"));
        Assert.Contains("+44 20 7946 0958", page.Body!.TextContent);
        foreach (var clinical in new[] { "Screening history", "Side effects", "Courses", "Record access" })
        {
            Assert.DoesNotContain(clinical, page.Body.TextContent);
            Assert.Contains(clinical, ownerPage.Body!.TextContent);
        }

        Assert.Null(page.QuerySelector($"a[href='/Patients/Edit/{record.PatientId}']"));
        Assert.Contains("Lift restriction", ownerPage.QuerySelector("[data-testid=record-access]")!.TextContent);
    }

    [Fact]
    public async Task The_owner_restricts_an_open_record_and_lifts_it_again()
    {
        var patientId = await app.CreatePatientAsync();
        var owner = await app.LoginAsAsync(Roles.Clinician);
        var other = await LoginAsOtherClinicianAsync();
        var details = $"/Patients/Details/{patientId}";

        var restrict = await owner.PostFormAsync(details, [], $"{details}?handler=Restrict");
        var whileRestricted = await other.GetAsync($"/Patients/Edit/{patientId}");
        var lift = await owner.PostFormAsync(details, [], $"{details}?handler=LiftRestriction");
        var afterLift = await other.GetAsync($"/Patients/Edit/{patientId}");

        Assert.Equal(HttpStatusCode.Redirect, restrict.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, whileRestricted.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, lift.StatusCode);
        Assert.Equal(HttpStatusCode.OK, afterLift.StatusCode);
        Assert.Null(await app.GetAsync(sp => sp.GetRequiredService<ClinicDbContext>().Patients
            .Where(p => p.Id == patientId).Select(p => p.RestrictedToStaffId).SingleAsync()));
    }

    [Fact]
    public async Task Front_desk_cannot_restrict_a_record()
    {
        var patientId = await app.CreatePatientAsync();
        var frontDesk = await app.LoginAsAsync(Roles.FrontDesk);

        var response = await frontDesk.PostFormAsync($"/Patients/Details/{patientId}", [], $"/Patients/Details/{patientId}?handler=Restrict");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("urgent")]
    public async Task Emergency_access_needs_a_reason_shown_next_to_the_field_and_stores_nothing_without_one(string reason)
    {
        var record = await RestrictedRecordAsync();
        var other = await LoginAsOtherClinicianAsync();
        var url = $"/Patients/EmergencyAccess/{record.PatientId}";

        var response = await other.PostFormAsync(url, [new("Input.Reason", reason)]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.Contains(reason.Length == 0 ? "Give the reason" : "at least 10 characters", page.FieldError("Input.Reason"));
        Assert.Equal(reason, page.QuerySelector("textarea[name='Input.Reason']")!.TextContent.Trim());
        Assert.Equal(0, await GrantCountAsync(record.PatientId));
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/Screening/Details/{record.ScreeningId}")).StatusCode);
    }

    [Fact]
    public async Task Emergency_access_opens_the_record_for_four_hours_then_closes_it()
    {
        // Its own app: the test moves the clock, which the shared app's other tests rely on.
        await using var ownApp = new ClinicAppFactory();
        var record = await RestrictedRecordAsync(ownApp);
        var other = await LoginAsync(ownApp, OtherClinicianEmail);
        var screening = $"/Screening/Details/{record.ScreeningId}";

        var before = await other.GetAsync(screening);
        var grant = await other.PostFormAsync($"/Patients/EmergencyAccess/{record.PatientId}",
            [new("Input.Reason", "Patient arrived with a severe reaction; Dr Owner is away today.")]);
        var during = await other.GetAsync(screening);
        var details = await other.GetDocumentAsync($"/Patients/Details/{record.PatientId}");
        ownApp.Clock.Advance(TimeSpan.FromHours(4) - TimeSpan.FromSeconds(1));

        // The 30-minute sign-in has lapsed by then; the grant outlives the session, so sign in again.
        other = await LoginAsync(ownApp, OtherClinicianEmail);
        var justBeforeExpiry = await other.GetAsync(screening);
        ownApp.Clock.Advance(TimeSpan.FromSeconds(1));
        var after = await other.GetAsync(screening);

        Assert.Equal(HttpStatusCode.NotFound, before.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, grant.StatusCode);
        Assert.Equal($"/Patients/Details/{record.PatientId}", grant.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, during.StatusCode);
        Assert.Contains("emergency access until 13:00", details.QuerySelector("[data-testid=emergency-access-until]")!.TextContent);
        Assert.Equal(HttpStatusCode.OK, justBeforeExpiry.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
        var stored = await ownApp.GetAsync(sp => sp.GetRequiredService<ClinicDbContext>().EmergencyAccesses.SingleAsync(e => e.PatientId == record.PatientId));
        Assert.Equal((OtherClinicianEmail, new DateTime(2026, 3, 10, 13, 0, 0, DateTimeKind.Utc)), (stored.StaffUserName, stored.ExpiresAtUtc));
    }

    [Fact]
    public async Task An_admin_sees_each_emergency_access_with_its_reason_and_marks_it_reviewed()
    {
        var record = await RestrictedRecordAsync();
        var other = await LoginAsOtherClinicianAsync();
        const string reason = "Needed the screening for an urgent referral letter.";
        Assert.Equal(HttpStatusCode.Redirect,
            (await other.PostFormAsync($"/Patients/EmergencyAccess/{record.PatientId}", [new("Input.Reason", reason)])).StatusCode);
        var grantId = await app.GetAsync(sp => sp.GetRequiredService<ClinicDbContext>().EmergencyAccesses
            .Where(e => e.PatientId == record.PatientId).Select(e => e.Id).SingleAsync());
        var admin = await app.LoginAsAsync(Roles.Admin);

        var list = await admin.GetDocumentAsync("/Admin/EmergencyAccess");
        var row = list.QuerySelector($"[data-testid=grant-{grantId}]")!;
        Assert.Contains(OtherClinicianEmail, row.TextContent);
        Assert.Contains(reason, row.TextContent);
        Assert.Contains($"(no. {record.PatientId})", row.TextContent);
        Assert.Contains("10 Mar 2026 09:00", row.TextContent);
        Assert.Empty(row.QuerySelectorAll("a"));
        Assert.NotNull(list.QuerySelector("nav a[href='/Admin/EmergencyAccess']"));

        var tooLong = await admin.PostFormAsync("/Admin/EmergencyAccess",
            [new("Input.GrantId", grantId.ToString()), new("Input.Note", new string('n', 2001))], "/Admin/EmergencyAccess?handler=Review");
        Assert.Equal(HttpStatusCode.OK, tooLong.StatusCode);
        Assert.Contains("at most 2000", (await tooLong.ReadDocumentAsync()).GetElementById($"note-{grantId}-error")!.TextContent);

        var reviewed = await admin.PostFormAsync("/Admin/EmergencyAccess",
            [new("Input.GrantId", grantId.ToString()), new("Input.Note", "Checked with the owner.")], "/Admin/EmergencyAccess?handler=Review");
        Assert.Equal(HttpStatusCode.Redirect, reviewed.StatusCode);
        var stored = await app.GetAsync(sp => sp.GetRequiredService<ClinicDbContext>().EmergencyAccesses.SingleAsync(e => e.Id == grantId));
        Assert.Equal(("admin@tests.clinic", "Checked with the owner."), (stored.ReviewedBy, stored.ReviewNote));
        var after = await admin.GetDocumentAsync("/Admin/EmergencyAccess");
        Assert.Contains("Reviewed by admin@tests.clinic", after.QuerySelector($"[data-testid=grant-{grantId}]")!.TextContent);
    }

    [Fact]
    public async Task Clinicians_cannot_open_the_admin_review_page()
    {
        var clinician = await app.LoginAsAsync(Roles.Clinician);

        Assert.Equal(HttpStatusCode.Forbidden, (await clinician.GetAsync("/Admin/EmergencyAccess")).StatusCode);
    }

    [Fact]
    public async Task The_patient_list_shows_a_restricted_badge_and_the_needs_review_list_leaves_the_record_out_for_other_clinicians()
    {
        var record = await RestrictedRecordAsync(severeEffect: true);
        var lastName = record.LastName;
        var other = await LoginAsOtherClinicianAsync();
        var owner = await app.LoginAsAsync(Roles.Clinician);

        var search = await other.GetDocumentAsync($"/Patients?q={lastName}");
        var otherReview = await other.GetDocumentAsync("/SideEffects/NeedsReview");
        var ownerReview = await owner.GetDocumentAsync("/SideEffects/NeedsReview");

        Assert.Contains("Restricted", search.QuerySelector("table.list tbody tr")!.TextContent);
        Assert.DoesNotContain(lastName, otherReview.Body!.TextContent);
        Assert.Contains(lastName, ownerReview.Body!.TextContent);
    }

    private sealed record Record(
        int PatientId, string LastName, int ScreeningId, int PlanId, int SittingId, int BookedId, int ChartedId, int EffectId,
        int ConsentId, int PhotoId, int DocumentId)
    {
        public Dictionary<string, int> Ids => new()
        {
            ["patient"] = PatientId,
            ["screening"] = ScreeningId,
            ["plan"] = PlanId,
            ["sitting"] = SittingId,
            ["booked"] = BookedId,
            ["charted"] = ChartedId,
            ["effect"] = EffectId,
            ["consent"] = ConsentId,
            ["photo"] = PhotoId,
            ["document"] = DocumentId,
        };
    }

    private Task<Record> RestrictedRecordAsync(bool severeEffect = false) => RestrictedRecordAsync(app, severeEffect);

    /// <summary>
    /// A patient restricted to clinician@tests.clinic, with a screening, a course, sitting 1 charted today, sitting 2 booked for
    /// 7 April, sitting 3 unbooked, and a side effect.
    /// </summary>
    private static async Task<Record> RestrictedRecordAsync(ClinicAppFactory host, bool severeEffect = false)
    {
        var clinician = await host.CreateClinicianAsync();
        var room = await host.CreateRoomAsync();
        var plan = await host.CreateBookablePatientAsync();
        var today = DateOnly.FromDateTime(host.Clock.GetUtcNow().UtcDateTime);
        var charted = await host.GetAsync(async sp =>
        {
            var booked = await sp.GetRequiredService<BookingService>().BookAsync(new BookSittingCommand
            {
                SittingId = plan.Sittings.Single(s => s.Number == 1).Id,
                ClinicianId = clinician,
                RoomId = room,
                Date = today,
                Time = new TimeOnly(10, 0),
            });
            return booked.Value?.BookingId ?? throw new InvalidOperationException(string.Join("; ", booked.Errors.Select(e => e.Message)));
        });
        Succeeded(await host.GetAsync(sp => sp.GetRequiredService<BookingService>().CheckInAsync(charted)));
        await host.ReScreenSuitableAsync(charted);
        Succeeded(await host.GetAsync(sp => sp.GetRequiredService<ChartService>().CompleteAsync(new ChartSittingCommand
        {
            BookingId = charted,
            NumbingProduct = "Lidocaine 5% cream",
            NumbingApplied = new TimeOnly(8, 0),
            NumbingRemoved = new TimeOnly(8, 30),
            Device = "Pen A6",
            CartridgeLot = "LOT-2026-031",
            Areas = [new ChartAreaRow { Area = NeedlingArea.CheeksAndChin, DepthMm = 0.75m, Passes = 3 }],
            SerumProduct = "Hyaluronic acid serum",
            ProcedureStart = new TimeOnly(8, 30),
            ProcedureEnd = new TimeOnly(8, 45),
            Reaction = ImmediateReaction.Redness,
            ConfirmWarnings = true,
        })));
        var bookedId = await host.InsertBookingAsync(plan, 2, clinician, room, new DateTime(2026, 4, 7, 9, 0, 0, DateTimeKind.Utc), BookingStatus.Booked);
        var effect = await host.GetAsync(sp => sp.GetRequiredService<SideEffectService>().RecordAsync(new RecordSideEffectCommand
        {
            PatientId = plan.PatientId,
            Kind = severeEffect ? SideEffectKind.Infection : SideEffectKind.Redness,
            OnsetDate = today,
            Severity = severeEffect ? Severity.Severe : Severity.Mild,
            Description = "Redness on both cheeks.",
        }));
        Succeeded(effect);

        var consentId = await host.GetAsync(sp => sp.GetRequiredService<ClinicDbContext>().PatientConsents.Where(c => c.CoursePlanId == plan.Id).Select(c => c.Id).SingleAsync());
        var photoId = await host.UploadPhotoAsync(charted);
        var documentId = await host.AttachDocumentAsync(plan.PatientId);

        var ownerEmail = await host.EnsureUserAsync(Roles.Clinician);
        await host.EnsureUserAsync(Roles.Clinician, OtherClinicianEmail);
        var lastName = await host.GetAsync(async sp =>
        {
            var db = sp.GetRequiredService<ClinicDbContext>();
            var patient = await db.Patients.SingleAsync(p => p.Id == plan.PatientId);
            patient.RestrictedToStaffId = await db.Users.Where(u => u.Email == ownerEmail).Select(u => u.Id).SingleAsync();
            await db.SaveChangesAsync();
            return patient.LastName;
        });
        return new Record(plan.PatientId, lastName, plan.ScreeningId, plan.Id, plan.Sittings.Single(s => s.Number == 3).Id, bookedId, charted, effect.Value!.Id,
            consentId, photoId, documentId);
    }

    private static void Succeeded(Clinic.Common.ServiceResult result) =>
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Message)));

    /// <summary>Writes a grant straight to the database, ending <paramref name="lastsFor"/> from now (zero: just expired).</summary>
    private Task<int> GrantAsync(int patientId, string email, TimeSpan lastsFor) => app.GetAsync(async sp =>
    {
        var db = sp.GetRequiredService<ClinicDbContext>();
        var now = app.Clock.GetUtcNow().UtcDateTime;
        db.EmergencyAccesses.Add(new EmergencyAccess
        {
            PatientId = patientId,
            StaffId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync(),
            StaffUserName = email,
            Reason = "Test grant for the access table.",
            GrantedAtUtc = now + lastsFor - TimeSpan.FromHours(4),
            ExpiresAtUtc = now + lastsFor,
        });
        return await db.SaveChangesAsync();
    });

    private Task<int> GrantCountAsync(int patientId) =>
        app.GetAsync(sp => sp.GetRequiredService<ClinicDbContext>().EmergencyAccesses.CountAsync(e => e.PatientId == patientId));

    private Task<HttpClient> LoginAsOtherClinicianAsync() => LoginAsync(app, OtherClinicianEmail);

    private static async Task<HttpClient> LoginAsync(ClinicAppFactory host, string email)
    {
        await host.EnsureUserAsync(Roles.Clinician, email);
        var client = host.CreateBrowserlessClient();
        var response = await client.PostFormAsync("/Account/Login", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = ClinicAppFactory.Password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, Handler handler, Dictionary<string, int> ids)
    {
        string Fill(string text) => Placeholder().Replace(text, m => ids[m.Groups[1].Value].ToString());
        var url = Fill(handler.Url);
        if (handler.Method == "GET")
        {
            return await client.GetAsync(url);
        }

        // Any page the clinician may open gives the antiforgery token; the token is the user's, not the page's.
        var fields = handler.Fields.Select(f => f.Split('=', 2)).Select(p => new KeyValuePair<string, string>(p[0], Fill(p[1])));
        return await client.PostFormAsync("/Patients/Create", fields, url);
    }

    [GeneratedRegex(@"\{(\w+)\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"^/[^?{]+?(?=/\{|\?|$)")]
    private static partial Regex PagePath();
}
