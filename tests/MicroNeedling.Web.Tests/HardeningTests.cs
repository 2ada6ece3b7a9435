using System.Net;
using System.Reflection;
using MicroNeedling.Clinic.Staff;
using MicroNeedling.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace MicroNeedling.Web.Tests;

/// <summary>Issue 15: the probe's findings on methods, query strings, sign-in, password change and headers, kept as tests.</summary>
[Collection(SharedApp.Name)]
public sealed class HardeningTests(ClinicAppFactory app, ITestOutputHelper output)
{
    private static readonly string[] UnexpectedMethods = ["TRACE", "PUT", "DELETE", "PATCH", "OPTIONS", "PROPFIND"];

    [Fact]
    public async Task Every_page_answers_an_unexpected_method_with_405_for_every_role()
    {
        var record = await PatientWithClinicalRecord.CreateAsync(app);
        var clients = await PageAccessMatrixTests.ClientsAsync(app);
        var wrong = new List<string>();
        var asserted = 0;

        foreach (var row in PageAccessMatrixTests.Matrix)
        {
            foreach (var (role, client) in clients)
            {
                foreach (var method in UnexpectedMethods)
                {
                    var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), record.Fill(row.Url)));
                    asserted++;
                    if (response.StatusCode != HttpStatusCode.MethodNotAllowed || !response.Content.Headers.Allow.Order(StringComparer.Ordinal).SequenceEqual(["GET", "HEAD", "POST"]))
                    {
                        wrong.Add($"{(role == "" ? "anonymous" : role)} {method} {row.Url}: {(int)response.StatusCode}");
                    }
                }
            }
        }

        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
        output.WriteLine($"{asserted} requests, every one 405.");
    }

    /// <summary>The names a page binds from the query string on GET: [BindProperty(SupportsGet = true)] and OnGet parameters.</summary>
    private static IEnumerable<string> QueryNames(AppPage page)
    {
        var model = page.Descriptor.HandlerTypeInfo.AsType();
        var route = page.Descriptor.AttributeRouteInfo?.Template ?? "";
        var names = model.GetProperties(BindingFlags.Instance | BindingFlags.Public)
            .Where(p => p.GetCustomAttribute<BindPropertyAttribute>() is { SupportsGet: true })
            .Select(p => p.Name)
            .Concat(page.Descriptor.HandlerMethods.Where(h => h.HttpMethod == "GET").SelectMany(h => h.Parameters)
                .Where(p => p.ParameterType != typeof(CancellationToken)).Select(p => p.Name));
        return names.Where(n => !route.Contains("{" + n, StringComparison.OrdinalIgnoreCase)).Distinct(StringComparer.OrdinalIgnoreCase);
    }

    public static readonly string[] HostileQueryValues =
        ["0001-01-01", "9999-12-31", "-1", "2147483648", "99999999999999999999", "1e309", "NaN", "<script>alert(1)</script>",
         "' OR 1=1 --", "\u0000", "%", new string('9', 5000), "24:61", "2026-02-30", "true", "week"];

    [Fact]
    public async Task No_query_string_value_on_any_page_gives_a_500()
    {
        var record = await PatientWithClinicalRecord.CreateAsync(app);
        var clients = await PageAccessMatrixTests.ClientsAsync(app);
        var pages = (await AppPages.LoadAsync(app)).ToDictionary(p => p.Path);
        var failures = new List<string>();
        var sent = 0;

        foreach (var row in PageAccessMatrixTests.Matrix)
        {
            if (!row.TryFindAllowedRole(out var role) || !pages.TryGetValue(row.Page, out var page))
            {
                continue;
            }

            foreach (var name in QueryNames(page))
            {
                foreach (var value in HostileQueryValues)
                {
                    var url = record.Fill(row.Url);
                    url += (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + Uri.EscapeDataString(name) + "=" + Uri.EscapeDataString(value);
                    var response = await clients[role ?? ""].GetAsync(url);
                    sent++;
                    if ((int)response.StatusCode >= 500)
                    {
                        failures.Add($"{role ?? "anonymous"} GET {url[..Math.Min(url.Length, 120)]}: {(int)response.StatusCode}");
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.True(sent > 100, $"only {sent} requests: the sweep found too few query parameters");
        output.WriteLine($"{sent} GET requests with hostile query values.");
    }

    [Fact]
    public async Task An_audit_search_up_to_the_last_representable_day_is_answered_next_to_the_field()
    {
        var admin = await app.LoginAsAsync(Roles.Admin);

        var response = await admin.GetAsync("/Admin/Audit?to=9999-12-31");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Enter a date between 2000 and 2100", (await response.ReadDocumentAsync()).Body!.TextContent);
    }

    [Fact]
    public async Task A_nul_character_in_the_address_is_a_bad_request_not_a_server_error()
    {
        // Found by the sweep above on PostgreSQL, which refuses NUL in a text parameter: the searches gave 500.
        var frontDesk = await app.LoginAsAsync(Roles.FrontDesk);

        var response = await frontDesk.GetAsync("/Patients?q=%00");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    /// <summary>Counts how often a password is checked, passing every call on to the app's real hasher.</summary>
    private sealed class CountingHasher : IPasswordHasher<StaffUser>
    {
        private readonly PasswordHasher<StaffUser> inner = new();

        public int Verifications;

        public string HashPassword(StaffUser user, string password) => inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(StaffUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref Verifications);
            return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }

    [Fact]
    public async Task An_unknown_address_a_wrong_password_and_a_locked_account_do_the_same_work_and_get_the_same_answer()
    {
        var hasher = new CountingHasher();
        await using var host = app.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IPasswordHasher<StaffUser>>(hasher)));
        var known = await app.EnsureUserAsync(Roles.FrontDesk, $"{ClinicAppFactory.UniqueName().ToLowerInvariant()}@tests.clinic");
        var locked = await app.EnsureUserAsync(Roles.FrontDesk, $"{ClinicAppFactory.UniqueName().ToLowerInvariant()}@tests.clinic");
        await app.GetAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<StaffUser>>();
            return await users.SetLockoutEndDateAsync((await users.FindByEmailAsync(locked))!, DateTimeOffset.UtcNow.AddYears(1));
        });

        async Task<(int Work, string Answer)> SignInAsync(string email)
        {
            var client = host.CreateClient(new() { AllowAutoRedirect = false });
            var before = hasher.Verifications;
            var response = await client.PostFormAsync("/Account/Login", [new("Input.Email", email), new("Input.Password", "not-the-password-1")]);
            return (hasher.Verifications - before, (await response.ReadDocumentAsync()).ErrorSummary());
        }

        var unknown = await SignInAsync("nobody-" + ClinicAppFactory.UniqueName() + "@tests.clinic");
        var wrong = await SignInAsync(known);
        var lockedOut = await SignInAsync(locked);

        Assert.Equal(1, wrong.Work);
        Assert.Equal(wrong.Work, unknown.Work);
        Assert.Equal(wrong.Work, lockedOut.Work);
        Assert.Equal(wrong.Answer, unknown.Answer);
        Assert.Equal(wrong.Answer, lockedOut.Answer);
    }

    [Fact]
    public async Task Wrong_current_passwords_count_toward_the_lockout_and_end_the_session()
    {
        var email = await app.EnsureUserAsync(Roles.FrontDesk, $"{ClinicAppFactory.UniqueName().ToLowerInvariant()}@tests.clinic");
        var client = app.CreateBrowserlessClient();
        await app.SignInAsync(client, email);

        HttpResponseMessage last = default!;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            last = await client.PostFormAsync("/Account/ChangePassword",
                [new("Input.CurrentPassword", "wrong-guess-number-" + attempt), new("Input.NewPassword", "a-new-long-password-1"), new("Input.ConfirmPassword", "a-new-long-password-1")]);
        }

        Assert.Equal(HttpStatusCode.Redirect, last.StatusCode);
        Assert.Equal("/Account/Login", last.Headers.Location!.OriginalString);
        var user = await app.GetAsync(sp => sp.GetRequiredService<UserManager<StaffUser>>().FindByEmailAsync(email));
        Assert.True(user!.LockoutEnd > DateTimeOffset.UtcNow);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/Account/ChangePassword")).StatusCode); // signed out
    }

    [Fact]
    public async Task Responses_do_not_name_the_server()
    {
        // Only Kestrel writes the header (the in-memory test server never does), so this asks a real process.
        var database = Path.Combine(Path.GetTempPath(), $"server-header-{Guid.NewGuid():N}.db");
        try
        {
            using (var process = RealAppProcess.Start(database))
            {
                await process.WaitUntilReadyAsync();
                using var client = process.CreateClient();
                var response = await client.GetAsync("/Account/Login");

                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.False(response.Headers.Contains("Server"), string.Join(", ", response.Headers.Select(h => h.Key)));
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(database);
        }
    }

    [Fact]
    public void The_flash_message_cookie_is_hardened_like_the_session_cookie()
    {
        var options = app.Services.GetRequiredService<IOptions<CookieTempDataProviderOptions>>().Value;

        Assert.True(options.Cookie.HttpOnly);
        Assert.Equal(Microsoft.AspNetCore.Http.SameSiteMode.Strict, options.Cookie.SameSite);
        Assert.Equal("/", options.Cookie.Path);
    }
}
