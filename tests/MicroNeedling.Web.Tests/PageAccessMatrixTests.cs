using System.Net;
using MicroNeedling.Clinic.Staff;
using MicroNeedling.Testing;
using Xunit.Abstractions;

namespace MicroNeedling.Web.Tests;

/// <summary>
/// ASVS 4.1.3: every page of the app, for anonymous, front desk, clinician and admin, against one explicit table.
/// The pages are read from the running app, so a new page without a row fails the first test.
/// </summary>
[Collection(SharedApp.Name)]
public sealed class PageAccessMatrixTests(ClinicAppFactory app, ITestOutputHelper output)
{
    public const string Ok = "200";
    public const string Login = "302 to the login page";
    public const string Denied = "403";

    public static string RedirectTo(string location) => "302 " + location;

    /// <summary>The roles in the order of the matrix columns; null is anonymous.</summary>
    public static readonly string?[] Roles = [null, Clinic.Staff.Roles.FrontDesk, Clinic.Staff.Roles.Clinician, Clinic.Staff.Roles.Admin];

    /// <summary>
    /// One row per page: the page, a URL that opens it with real ids (placeholders from <see cref="PatientWithClinicalRecord.Fill"/>),
    /// and the expected result for anonymous, FrontDesk, Clinician and Admin.
    /// </summary>
    public static readonly IReadOnlyList<AccessRow> Matrix =
    [
        new("/Account/Login", "/Account/Login", Ok, Ok, Ok, Ok),
        new("/Account/CalendarFeed", "/Account/CalendarFeed", Login, Denied, Ok, Denied),
        new("/Account/ChangePassword", "/Account/ChangePassword", Login, Ok, Ok, Ok),
        new("/Account/LoginWith2fa", "/Account/LoginWith2fa", RedirectTo("/Account/Login"), RedirectTo("/Account/Login"), RedirectTo("/Account/Login"), RedirectTo("/Account/Login")),
        new("/Account/LoginWithRecoveryCode", "/Account/LoginWithRecoveryCode", RedirectTo("/Account/Login"), RedirectTo("/Account/Login"), RedirectTo("/Account/Login"), RedirectTo("/Account/Login")),
        new("/Account/Logout", "/Account/Logout", Login, RedirectTo("/"), RedirectTo("/"), RedirectTo("/")),
        new("/Account/TwoFactor/Setup", "/Account/TwoFactor/Setup", Login, Ok, Ok, Ok),
        new("/Admin/Audit/Index", "/Admin/Audit", Login, Denied, Denied, Ok),
        new("/Admin/Clinicians/Hours", "/Admin/Clinicians/Hours/{clinician}", Login, Denied, Denied, Ok),
        new("/Admin/Clinicians/Index", "/Admin/Clinicians", Login, Denied, Denied, Ok),
        new("/Admin/Consent/Edit", "/Admin/Consent/Edit/1", Login, Denied, Denied, Ok),
        new("/Admin/Consent/Index", "/Admin/Consent", Login, Denied, Denied, Ok),
        new("/Admin/DepthRanges", "/Admin/DepthRanges", Login, Denied, Denied, Ok),
        new("/Admin/EmergencyAccess/Index", "/Admin/EmergencyAccess", Login, Denied, Denied, Ok),
        new("/Admin/OpeningHours", "/Admin/OpeningHours", Login, Denied, Denied, Ok),
        new("/Admin/Outbox/Index", "/Admin/Outbox", Login, Denied, Denied, Ok),

        // The Development mail folder: this host sends no mail to a folder, so there is nothing to show.
        new("/Admin/Outbox/Folder", "/Admin/Outbox/Folder", Login, Denied, Denied, "404"),
        new("/Admin/Rooms", "/Admin/Rooms", Login, Denied, Denied, Ok),
        new("/Admin/Settings", "/Admin/Settings", Login, Denied, Denied, Ok),
        new("/Admin/Staff/Create", "/Admin/Staff/Create", Login, Denied, Denied, Ok),
        new("/Admin/Staff/Index", "/Admin/Staff", Login, Denied, Denied, Ok),
        new("/Aftercare/Sheet", "/Aftercare/Sheet/{completedBooking}", Login, Ok, Ok, Denied),
        new("/Bookings/Cancel", "/Bookings/Cancel/{bookedBooking}", Login, Ok, Ok, Denied),
        new("/Bookings/Create", "/Bookings/Create?sittingId={unbookedSitting}", Login, Ok, Ok, Denied),
        new("/Bookings/Details", "/Bookings/Details/{bookedBooking}", Login, Ok, Ok, Denied),
        new("/Bookings/Move", "/Bookings/Move/{bookedBooking}", Login, Ok, Ok, Denied),
        new("/Calendar/Index", "/Calendar", Login, Ok, Ok, Denied),
        new("/Consent/Details", "/Consent/Details/{consent}", Login, Denied, Ok, Denied),
        new("/Consent/Sign", "/Consent/Sign/{plan}", Login, Denied, Ok, Denied),
        new("/Consent/Withdraw", "/Consent/Withdraw/{consent}", Login, Denied, Ok, Denied),
        new("/Documents/File", "/Documents/File/{document}", Login, Denied, Ok, Denied),
        new("/Documents/Patient", "/Documents/Patient/{patient}", Login, Denied, Ok, Denied),
        new("/Error", "/Error", Ok, Ok, Ok, Ok),
        new("/Index", "/", Login, RedirectTo("/Today"), RedirectTo("/MyDay"), RedirectTo("/Admin/Staff")),
        new("/MyDay/Index", "/MyDay", Login, Denied, Ok, Denied),
        new("/Patients/Create", "/Patients/Create", Login, Ok, Ok, Denied),
        new("/Patients/Details", "/Patients/Details/{patient}", Login, Ok, Ok, Denied),
        new("/Patients/EmergencyAccess", "/Patients/EmergencyAccess/{patient}", Login, Denied, RedirectTo("/Patients/Details/{patient}"), Denied),
        new("/Patients/Edit", "/Patients/Edit/{patient}", Login, Ok, Ok, Denied),

        // A record's export is for admins and the patient's treating clinician; the test clinician does not treat this patient,
        // so the record is "not found" for them, as a record they may not see always is (ExportingAPatientsRecordTests).
        new("/Patients/Export", "/Patients/Export/{patient}", Login, Denied, "404", Ok),
        new("/Patients/Index", "/Patients", Login, Ok, Ok, Denied),
        new("/Photos/Course", "/Photos/Course/{plan}", Login, Denied, Ok, Denied),
        new("/Photos/Image", "/Photos/Image/{photo}", Login, Denied, Ok, Denied),
        new("/Photos/Sitting", "/Photos/Sitting/{completedBooking}", Login, Denied, Ok, Denied),
        new("/Plans/BookCourse", "/Plans/BookCourse/{plan}", Login, Ok, Ok, Denied),
        new("/Plans/Cancel", "/Plans/Cancel/{plan}", Login, Denied, Ok, Denied),
        new("/Plans/Create", "/Plans/Create?patientId={patient}", Login, Denied, Ok, Denied),
        new("/Plans/Details", "/Plans/Details/{plan}", Login, Ok, Ok, Denied),
        new("/Recalls/Index", "/Recalls", Login, Ok, Ok, Denied),

        // Every role reads the operational reports; front desk is refused the clinical ones (ReadingReportsTests).
        new("/Reports/Index", "/Reports", Login, Ok, Ok, Ok),
        new("/Reports/Report", "/Reports/utilisation", Login, Ok, Ok, Ok),
        new("/Screening/Clearance", "/Screening/Clearance/{screening}", Login, Denied, Ok, Denied),
        new("/Screening/Create", "/Screening/Create?patientId={patient}", Login, Denied, Ok, Denied),
        new("/Screening/Details", "/Screening/Details/{screening}", Login, Denied, Ok, Denied),
        new("/SideEffects/Create", "/SideEffects/Create?patientId={patient}", Login, Ok, Ok, Denied),
        new("/SideEffects/NeedsReview", "/SideEffects/NeedsReview", Login, Denied, Ok, Denied),
        new("/SideEffects/Review", "/SideEffects/Review/{sideEffect}", Login, Denied, Ok, Denied),
        new("/Sittings/Chart", "/Sittings/Chart/{completedBooking}", Login, Denied, Ok, Denied),
        new("/Sittings/Details", "/Sittings/Details/{completedBooking}", Login, Denied, Ok, Denied),
        new("/Sittings/ReScreen", "/Sittings/ReScreen/{completedBooking}", Login, Denied, Ok, Denied),

        // The link in patients' mails: open to anyone with a token; without one (or with a wrong one) it is not found.
        new("/Today/Index", "/Today", Login, Ok, Ok, Denied),
        new("/Unsubscribe/Index", "/Unsubscribe", "404", "404", "404", "404"),
        new("/Waitlist/Add", "/Waitlist/Add/{plan}", Login, Ok, Ok, Denied),
        new("/Waitlist/Index", "/Waitlist", Login, Ok, Ok, Denied),
        new("/Waitlist/Slot", "/Waitlist/Slot/{bookedBooking}", Login, Ok, Ok, Denied),
    ];

    public sealed record AccessRow(string Page, string Url, string Anonymous, string FrontDesk, string Clinician, string Admin)
    {
        public string For(string? role) => role switch
        {
            null => Anonymous,
            Clinic.Staff.Roles.FrontDesk => FrontDesk,
            Clinic.Staff.Roles.Clinician => Clinician,
            _ => Admin,
        };

        /// <summary>The first column (anonymous first) that may use the page; false when no one may.</summary>
        public bool TryFindAllowedRole(out string? role)
        {
            foreach (var candidate in Roles)
            {
                if (For(candidate) is not (Login or Denied))
                {
                    role = candidate;
                    return true;
                }
            }

            role = null;
            return false;
        }
    }

    /// <summary>Signed-in clients, one per column; anonymous is a client without a cookie.</summary>
    public static async Task<Dictionary<string, HttpClient>> ClientsAsync(ClinicAppFactory app)
    {
        var clients = new Dictionary<string, HttpClient> { [""] = app.CreateBrowserlessClient() };
        foreach (var role in Roles.OfType<string>())
        {
            clients[role] = await app.LoginAsAsync(role);
        }

        return clients;
    }

    public static string Describe(HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        if (status != 302)
        {
            return status.ToString();
        }

        var location = response.Headers.Location!;
        var path = location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
        return path.StartsWith("/Account/Login?ReturnUrl=", StringComparison.Ordinal) ? Login : RedirectTo(path);
    }

    [Fact]
    public async Task Every_page_of_the_app_has_exactly_one_row_in_the_matrix()
    {
        var pages = (await AppPages.LoadAsync(app)).Select(p => p.Path).ToList();
        var rows = Matrix.Select(r => r.Page).ToList();

        var missing = pages.Except(rows).ToList();
        var stale = rows.Except(pages).ToList();
        var duplicated = rows.GroupBy(r => r).Where(g => g.Count() > 1).Select(g => g.Key).ToList();

        Assert.True(missing.Count + stale.Count + duplicated.Count == 0,
            (missing.Count == 0 ? "" : $"Pages without a row in PageAccessMatrixTests.Matrix (add one line each): {string.Join(", ", missing)}. ")
            + (stale.Count == 0 ? "" : $"Rows whose page no longer exists: {string.Join(", ", stale)}. ")
            + (duplicated.Count == 0 ? "" : $"Pages with more than one row: {string.Join(", ", duplicated)}."));
        output.WriteLine($"{pages.Count} pages in the app, {rows.Count} rows in the matrix.");
    }

    [Fact]
    public async Task Each_role_gets_exactly_the_result_the_matrix_says_on_every_page()
    {
        var record = await PatientWithClinicalRecord.CreateAsync(app);
        var clients = await ClientsAsync(app);
        var wrong = new List<string>();
        var asserted = 0;

        foreach (var row in Matrix)
        {
            foreach (var role in Roles)
            {
                var url = record.Fill(row.Url);
                var actual = Describe(await clients[role ?? ""].GetAsync(url));
                asserted++;
                var expected = record.Fill(row.For(role));
                if (actual != expected)
                {
                    wrong.Add($"{role ?? "anonymous"} GET {url}: expected {expected}, got {actual}");
                }
            }
        }

        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
        output.WriteLine($"{Matrix.Count} pages × {Roles.Length} roles = {asserted} results asserted.");
    }

    [Fact]
    public async Task A_page_opened_with_an_id_that_does_not_exist_gives_404_to_the_roles_that_may_use_it()
    {
        var real = await PatientWithClinicalRecord.CreateAsync(app);
        var missing = real with
        {
            PatientId = 999_999,
            FirstScreeningId = 999_999,
            ScreeningId = 999_999,
            PlanId = 999_999,
            CancelledPlanId = 999_999,
            CompletedBookingId = 999_999,
            BookedBookingId = 999_999,
            UnbookedSittingId = 999_999,
            SideEffectId = 999_999,
            ClinicianId = "no-such-clinician",
            ConsentId = 999_999,
            PhotoId = 999_999,
            DocumentId = 999_999,
        };
        var clients = await ClientsAsync(app);
        var wrong = new List<string>();
        var asserted = 0;

        foreach (var row in Matrix.Where(r => real.Fill(r.Url) != r.Url))
        {
            foreach (var role in Roles.Where(role => row.For(role) == Ok))
            {
                var url = missing.Fill(row.Url);
                var actual = Describe(await clients[role ?? ""].GetAsync(url));
                asserted++;
                if (actual != "404")
                {
                    wrong.Add($"{role ?? "anonymous"} GET {url}: expected 404, got {actual}");
                }
            }
        }

        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
        Assert.True(asserted > 20, $"Only {asserted} pages with ids were tried.");
        output.WriteLine($"{asserted} unknown-id requests asserted 404.");
    }
}
