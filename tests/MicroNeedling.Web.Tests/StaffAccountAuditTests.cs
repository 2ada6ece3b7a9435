using System.Net;
using MicroNeedling.Clinic.Audit;
using MicroNeedling.Clinic.Data;
using MicroNeedling.Clinic.Staff;
using MicroNeedling.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace MicroNeedling.Web.Tests;

/// <summary>
/// Audit entries for staff accounts name the fields whose values changed and the person acting, so a failed sign-in
/// cannot be mistaken for a password change; the audit page says them in words and lets an admin pick a patient by name.
/// </summary>
[Collection(SharedApp.Name)]
public sealed class StaffAccountAuditTests(ClinicAppFactory app, ITestOutputHelper output)
{
    private static readonly string[] BookkeepingAndSecrets = ["PasswordHash", "SecurityStamp", "NormalizedEmail", "NormalizedUserName", "Email", "UserName"];

    private Task<AuditEntry> LastEntryForAccountAsync(string email) => app.GetAsync(async sp =>
    {
        var db = sp.GetRequiredService<ClinicDbContext>();
        var id = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        return await db.AuditEntries.AsNoTracking().Where(e => e.EntityType == "StaffUser" && e.EntityId == id).OrderByDescending(e => e.Id).FirstAsync();
    });

    private Task<long> LastEntryIdAsync() => app.GetAsync(sp => sp.GetRequiredService<ClinicDbContext>().AuditEntries.MaxAsync(e => e.Id));

    private Task<List<AuditEntry>> EntriesForAccountAfterAsync(string email, long afterId) => app.GetAsync(async sp =>
    {
        var db = sp.GetRequiredService<ClinicDbContext>();
        var id = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        return await db.AuditEntries.AsNoTracking().Where(e => e.EntityType == "StaffUser" && e.EntityId == id && e.Id > afterId).OrderBy(e => e.Id).ToListAsync();
    });

    private static string[] Fields(AuditEntry entry) => (entry.ChangedFields ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public async Task A_wrong_password_is_recorded_as_a_failed_sign_in_by_that_account_not_as_a_password_change()
    {
        var email = await app.CreateOwnAccountAsync();

        var response = await app.CreateBrowserlessClient().PostFormAsync("/Account/Login",
            new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = "not the password at all" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var entry = await LastEntryForAccountAsync(email);
        output.WriteLine($"{entry.UserName} {entry.Action} {entry.EntityType}: {entry.ChangedFields}");
        Assert.Equal((AuditActions.Update, email), (entry.Action, entry.UserName));
        Assert.Contains("AccessFailedCount", Fields(entry));
        Assert.Empty(Fields(entry).Intersect(BookkeepingAndSecrets));
    }

    [Fact]
    public async Task A_wrong_two_factor_code_is_recorded_as_a_failed_sign_in_by_that_account()
    {
        var email = await app.CreateAdminWithoutTwoFactorAsync();
        await app.EnrolAuthenticatorAsync(email);
        var client = app.CreateBrowserlessClient();
        await client.PostFormAsync("/Account/Login", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = ClinicAppFactory.Password });

        var wrong = await client.PostFormAsync("/Account/LoginWith2fa",
            new Dictionary<string, string> { ["Input.Code"] = "000000" == await app.AuthenticatorCodeAsync(email) ? "111111" : "000000" });

        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        var entry = await LastEntryForAccountAsync(email);
        output.WriteLine($"{entry.UserName} {entry.Action} {entry.EntityType}: {entry.ChangedFields}");
        Assert.Equal((AuditActions.Update, email), (entry.Action, entry.UserName));
        Assert.Contains("AccessFailedCount", Fields(entry));
        Assert.Empty(Fields(entry).Intersect(BookkeepingAndSecrets));
    }

    [Fact]
    public async Task A_password_change_is_recorded_as_one_by_the_signed_in_user()
    {
        var email = await app.CreateOwnAccountAsync();
        var client = app.CreateBrowserlessClient();
        await app.SignInAsync(client, email);
        var before = await LastEntryIdAsync();

        var changed = await client.PostFormAsync("/Account/ChangePassword", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = ClinicAppFactory.Password,
            ["Input.NewPassword"] = "a brand new passphrase for the audit test",
            ["Input.ConfirmPassword"] = "a brand new passphrase for the audit test",
        });

        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        var entries = await EntriesForAccountAfterAsync(email, before);
        entries.ForEach(e => output.WriteLine($"{e.UserName} {e.Action} {e.EntityType}: {e.ChangedFields}"));
        Assert.NotEmpty(entries);
        Assert.All(entries, e => Assert.Equal(email, e.UserName));
        Assert.Contains(entries, e => Fields(e).Contains("PasswordHash"));
        Assert.DoesNotContain(entries, e => Fields(e).Intersect(["AccessFailedCount", "LockoutEnd", "Email", "NormalizedEmail"]).Any());
    }

    [Fact]
    public async Task The_audit_page_names_the_fields_in_words_and_hides_the_bookkeeping()
    {
        var email = await app.CreateOwnAccountAsync();
        await app.CreateBrowserlessClient().PostFormAsync("/Account/Login",
            new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = "not the password at all" });
        var admin = await app.LoginAsAsync(Roles.Admin);

        var document = await admin.GetDocumentAsync($"/Admin/Audit?userName={Uri.EscapeDataString(email)}");

        var row = Assert.Single(document.QuerySelectorAll("table.list tbody tr"));
        var cells = row.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToArray();
        Assert.Equal([email, "Update", "StaffUser"], cells[2..5]);
        Assert.Equal("failed sign-in count", cells[7]);
    }

    [Fact]
    public async Task The_audit_page_finds_a_patient_by_name_and_keeps_the_filter_in_the_address()
    {
        var lastName = ClinicAppFactory.UniqueName();
        var patientId = await app.CreatePatientAsync(lastName);
        await app.CreatePatientAsync();
        var admin = await app.LoginAsAsync(Roles.Admin);

        var document = await admin.GetDocumentAsync($"/Admin/Audit?patient={Uri.EscapeDataString("test " + lastName)}");

        var rows = document.QuerySelectorAll("table.list tbody tr").ToList();
        var created = Assert.Single(rows);
        Assert.Contains($"Test {lastName}", created.QuerySelectorAll("td")[6].TextContent);
        Assert.Equal(lastName.ToUpperInvariant(), document.QuerySelector("input[name=patient]")!.GetAttribute("value")!.Split(' ')[^1].ToUpperInvariant());
        Assert.Contains($"patientId={patientId}", document.QuerySelector("[data-testid=patient-filter] a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task A_name_that_matches_several_patients_offers_them_to_pick_from()
    {
        var lastName = ClinicAppFactory.UniqueName();
        var first = await app.CreatePatientAsync(lastName, new DateOnly(1980, 1, 2));
        var second = await app.CreatePatientAsync(lastName, new DateOnly(1991, 3, 4));
        var admin = await app.LoginAsAsync(Roles.Admin);

        var document = await admin.GetDocumentAsync($"/Admin/Audit?patient={lastName}");

        Assert.Contains("patients match", document.FieldError("patient"));
        var choices = document.QuerySelectorAll("[data-testid=patient-choices] a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(2, choices.Count);
        Assert.Contains(choices, href => href!.Contains($"patientId={first}", StringComparison.Ordinal));
        Assert.Contains(choices, href => href!.Contains($"patientId={second}", StringComparison.Ordinal));
        Assert.Null(document.QuerySelector("table.list"));
    }

    [Theory]
    [InlineData("patient=Zzqx%20Nobody", "patient", "No patient")]
    [InlineData("patient=%25%27%3B%20--", "patient", "No patient")]
    [InlineData("patientId=987654", "patient", "No patient")]
    public async Task A_patient_that_cannot_be_found_gets_a_message_next_to_the_field_and_no_list(string query, string field, string message)
    {
        var admin = await app.LoginAsAsync(Roles.Admin);

        var response = await admin.GetAsync($"/Admin/Audit?{query}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = await response.ReadDocumentAsync();
        Assert.Contains(message, document.FieldError(field));
        Assert.Null(document.QuerySelector("table.list"));
    }
}
