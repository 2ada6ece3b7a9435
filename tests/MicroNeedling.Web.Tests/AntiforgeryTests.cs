using System.Net;
using System.Reflection;
using MicroNeedling.Clinic.Data;
using MicroNeedling.Clinic.Staff;
using MicroNeedling.Testing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace MicroNeedling.Web.Tests;

/// <summary>
/// Every POST handler of every page, read from the app (so a new form is covered without editing this file), is posted
/// without the antiforgery token by a user the page lets in: each must answer 400 before the handler runs.
/// </summary>
[Collection(SharedApp.Name)]
public sealed class AntiforgeryTests(ClinicAppFactory app, ITestOutputHelper output)
{
    /// <summary>Pages allowed to take a POST without a token, and why. Each must say so with [IgnoreAntiforgeryToken].</summary>
    private static readonly Dictionary<string, string> Exempt = new(StringComparer.Ordinal)
    {
        ["/Error"] = "the status-code pages re-execute it for a failed POST (such as this very 400); it changes nothing",
    };

    [Fact]
    public async Task Every_post_handler_without_the_token_gets_400_and_the_form_could_not_be_sent_page()
    {
        var record = await PatientWithClinicalRecord.CreateAsync(app);
        var clients = await PageAccessMatrixTests.ClientsAsync(app);
        var pages = await AppPages.LoadAsync(app);
        var wrong = new List<string>();
        var asserted = new List<string>();

        foreach (var page in pages.Where(p => p.PostHandlers.Any() && !Exempt.ContainsKey(p.Path)))
        {
            var row = PageAccessMatrixTests.Matrix.SingleOrDefault(r => r.Page == page.Path);
            if (row is null || !row.TryFindAllowedRole(out var role))
            {
                wrong.Add($"{page.Path} has POST handlers but no matrix row with a role that may use it.");
                continue;
            }

            foreach (var handler in page.PostHandlers)
            {
                var url = AppPage.WithHandler(record.Fill(row.Url), handler);
                var response = await clients[role ?? ""].PostAsync(url, new FormUrlEncodedContent([]));
                asserted.Add($"{role ?? "anonymous"} POST {url}");
                if (response.StatusCode != HttpStatusCode.BadRequest || !(await response.Content.ReadAsStringAsync()).Contains("The form could not be sent", StringComparison.Ordinal))
                {
                    wrong.Add($"{role ?? "anonymous"} POST {url} without a token: expected 400 with the error page, got {(int)response.StatusCode}");
                }
            }
        }

        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
        // Today's forms; a new form only raises the count. Fewer means the enumeration lost some.
        Assert.True(asserted.Count >= 30, $"Only {asserted.Count} POST handlers were found.");
        output.WriteLine($"{asserted.Count} POST handlers refused without a token:{Environment.NewLine}{string.Join(Environment.NewLine, asserted)}");
    }

    [Fact]
    public async Task Only_the_listed_pages_skip_the_token_check_and_each_says_why()
    {
        var pages = await AppPages.LoadAsync(app);

        var ignoring = pages
            .Where(p => p.Descriptor.ModelTypeInfo!.GetCustomAttribute<IgnoreAntiforgeryTokenAttribute>() is not null
                || p.Descriptor.HandlerMethods.Any(h => h.MethodInfo.GetCustomAttribute<IgnoreAntiforgeryTokenAttribute>() is not null))
            .Select(p => p.Path).ToList();

        Assert.Equal(Exempt.Keys.Order(StringComparer.Ordinal), ignoring.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_token_from_another_session_or_from_before_signing_in_is_refused()
    {
        var lastName = ClinicAppFactory.UniqueName();
        List<KeyValuePair<string, string>> patient =
        [
            new("Input.FirstName", "Ines"), new("Input.LastName", lastName), new("Input.DateOfBirth", "1991-02-03"),
            new("Input.Phone", "+44 20 7946 0111"), new("Input.Concerns", "Scars"), new("Input.TreatmentAreas", "Face"),
            new("Input.ConfirmDuplicate", "true"),
        ];
        var first = await app.LoginAsAsync(Roles.FrontDesk);
        var second = await app.LoginAsAsync(Roles.FrontDesk);
        var firstToken = await TokenAsync(first, "/Patients/Create");

        var anonymous = app.CreateBrowserlessClient();
        var anonymousToken = await TokenAsync(anonymous, "/Account/Login");
        var login = await anonymous.PostFormAsync("/Account/Login",
            [new("Input.Email", await app.EnsureUserAsync(Roles.FrontDesk)), new("Input.Password", ClinicAppFactory.Password)]);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);

        var otherSession = await second.PostFieldsAsync("/Patients/Create", [.. patient, new("__RequestVerificationToken", firstToken)]);
        var beforeSignIn = await anonymous.PostFieldsAsync("/Patients/Create", [.. patient, new("__RequestVerificationToken", anonymousToken)]);

        Assert.Equal(HttpStatusCode.BadRequest, otherSession.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, beforeSignIn.StatusCode);
        Assert.Equal(0, await PatientsNamedAsync(lastName));

        // The same fields with the session's own token are accepted: only the token was wrong.
        var own = await second.PostFormAsync("/Patients/Create", patient);
        Assert.Equal(HttpStatusCode.Redirect, own.StatusCode);
        Assert.Equal(1, await PatientsNamedAsync(lastName));
    }

    private static async Task<string> TokenAsync(HttpClient client, string url) =>
        (await client.GetDocumentAsync(url)).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

    private Task<int> PatientsNamedAsync(string lastName) =>
        app.GetAsync(sp => sp.GetRequiredService<ClinicDbContext>().Patients.CountAsync(p => p.LastName == lastName));
}
