using System.Globalization;
using System.Net;
using MicroNeedling.Clinic.Data;
using MicroNeedling.Clinic.Staff;
using MicroNeedling.Testing;

namespace MicroNeedling.Web.Tests;

/// <summary>
/// The Admin page's "Verify chain" button, on an app of its own: these tests tamper with the database, which must not
/// break the chain that other scenarios share.
/// </summary>
public sealed class VerifyingTheAuditChainTests : IClassFixture<ClinicAppFactory>
{
    private readonly ClinicAppFactory app;

    public VerifyingTheAuditChainTests(ClinicAppFactory app) => this.app = app;

    private async Task<string> VerifyAsync(HttpClient admin)
    {
        var response = await admin.PostFormAsync("/Admin/Audit", [], postUrl: "/Admin/Audit?handler=Verify");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = await response.ReadDocumentAsync();
        return (document.QuerySelector("[role=status].flash") ?? document.QuerySelector("[role=alert].error-summary"))?.TextContent.Trim() ?? "";
    }

    /// <summary>Raw SQL "behind the app's back", on a connection of its own.</summary>
    private async Task ExecuteAsync(string sql)
    {
        await using var connection = app.CreateRawConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task Verify_reports_an_intact_chain_even_after_concurrent_views_then_the_break_after_a_row_is_edited()
    {
        var patientId = await app.CreatePatientAsync();
        var clinician = await app.LoginAsAsync(Roles.Clinician);
        var frontDesk = await app.LoginAsAsync(Roles.FrontDesk);

        // Twenty views at once from two users: appends are serialised by the write transaction, so the chain cannot fork.
        var views = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => (i % 2 == 0 ? clinician : frontDesk).GetAsync($"/Patients/Details/{patientId}")));
        Assert.All(views, v => Assert.Equal(HttpStatusCode.OK, v.StatusCode));
        var admin = await app.LoginAsAsync(Roles.Admin);

        var intact = await VerifyAsync(admin);

        Assert.Matches(@"^\d+ entries checked; chain intact\.$", intact);

        await ExecuteAsync(ClinicAppFactory.Provider == DatabaseProvider.PostgreSQL
            ? "ALTER TABLE \"AuditEntries\" DISABLE TRIGGER \"AuditEntries_NoUpdate\""
            : "DROP TRIGGER AuditEntries_NoUpdate;");
        var firstViewOfThePatient = $"SELECT MIN(\"Id\") FROM \"AuditEntries\" WHERE \"Action\" = 'View' AND \"PatientId\" = {patientId}";
        await ExecuteAsync($"UPDATE \"AuditEntries\" SET \"UserName\" = 'nobody@tests.clinic' WHERE \"Id\" = ({firstViewOfThePatient})");
        var editedId = await ScalarAsync(firstViewOfThePatient);

        var broken = await VerifyAsync(admin);

        Assert.Contains($"The chain is broken at entry {editedId}.", broken);
        Assert.Contains("changed after it was written", broken);
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = app.CreateRawConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }
}
