using System.Collections.Concurrent;
using System.Net;
using MicroNeedling.Clinic.Bookings;
using MicroNeedling.Clinic.CalendarFeeds;
using MicroNeedling.Clinic.Data;
using MicroNeedling.Clinic.Staff;
using MicroNeedling.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MicroNeedling.Web.Tests;

/// <summary>
/// A clinician subscribes a calendar app to their own sittings: the link is made on /Account/CalendarFeed and read,
/// without signing in, at /feeds/{token}.ics. Each test has its own clinician, so no two tests share a link.
/// </summary>
[Collection(SharedApp.Name)]
public sealed class CalendarFeedTests(ClinicAppFactory app)
{
    private const string Page = "/Account/CalendarFeed";

    /// <summary>A clinician of this test's own, signed in, with one sitting booked tomorrow at 10:00.</summary>
    private async Task<(HttpClient Client, int BookingId, string PatientLastName, string Email)> ClinicianWithASittingAsync()
    {
        var clinicianId = await app.CreateClinicianAsync();
        var email = await app.GetAsync(sp => sp.GetRequiredService<ClinicDbContext>().Users.Where(u => u.Id == clinicianId).Select(u => u.Email!).SingleAsync());
        var client = app.CreateBrowserlessClient();
        await app.SignInAsync(client, email);

        var plan = await app.CreateBookablePatientAsync();
        var lastName = await app.GetAsync(sp => sp.GetRequiredService<ClinicDbContext>().Patients.Where(p => p.Id == plan.PatientId).Select(p => p.LastName).SingleAsync());
        var booking = await app.InsertBookingAsync(plan, 1, clinicianId, await app.CreateRoomAsync(), new DateTime(2026, 3, 11, 10, 0, 0, DateTimeKind.Utc), BookingStatus.Booked);
        return (client, booking, lastName, email);
    }

    /// <summary>Posts the page's form for <paramref name="handler"/>, as the button would.</summary>
    private static Task<HttpResponseMessage> PressAsync(HttpClient client, string handler) =>
        client.PostFormAsync(Page, [], $"{Page}?handler={handler}");

    /// <summary>Makes a link and returns its path (e.g. /feeds/abc….ics) read from the page, as the clinician would copy it.</summary>
    private static async Task<string> MakeLinkAsync(HttpClient client, string handler = "Create")
    {
        var made = await PressAsync(client, handler);
        Assert.Equal(HttpStatusCode.Redirect, made.StatusCode);
        Assert.Equal(Page, made.Headers.Location!.OriginalString);
        var page = await client.GetDocumentAsync(Page);
        var url = new Uri(page.QuerySelector("input#feed-url")!.GetAttribute("value")!);
        Assert.Equal($"webcal://{url.Authority}{url.AbsolutePath}", page.QuerySelector("a[href^='webcal://']")!.GetAttribute("href"));
        return url.AbsolutePath;
    }

    [Fact]
    public async Task A_clinician_makes_a_link_and_a_calendar_app_reads_the_sittings_without_signing_in()
    {
        var (client, bookingId, lastName, _) = await ClinicianWithASittingAsync();
        Assert.Contains("Make a link", (await client.GetDocumentAsync(Page)).Body!.TextContent);

        var path = await MakeLinkAsync(client);
        var feed = await app.CreateBrowserlessClient().GetAsync(path);
        var text = await feed.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
        Assert.Equal("text/calendar; charset=utf-8", feed.Content.Headers.ContentType!.ToString());
        Assert.Contains("no-store", feed.Headers.CacheControl!.ToString());
        var sitting = Assert.Single(Ical.Net.Calendar.Load(text)!.Events);
        Assert.Equal(SittingCalendar.UidOf(bookingId), sitting.Uid);
        Assert.StartsWith("Sitting 1 of 6 · T.", sitting.Summary);
        Assert.Equal(new DateTime(2026, 3, 11, 10, 0, 0, DateTimeKind.Utc), sitting.DtStart!.AsUtc);
        Assert.DoesNotContain(lastName, text, StringComparison.OrdinalIgnoreCase);

        // The address is shown once; the page then says when a calendar last read it.
        var again = await client.GetDocumentAsync(Page);
        Assert.Null(again.QuerySelector("input#feed-url"));
        Assert.DoesNotContain("Not yet", again.Body!.TextContent);
        Assert.Contains("Make a new link (the old one stops working)", again.Body.TextContent);
    }

    [Fact]
    public async Task A_head_request_for_the_feed_answers_like_a_get_without_a_body()
    {
        var (client, _, _, _) = await ClinicianWithASittingAsync();
        var path = await MakeLinkAsync(client);

        using var head = await app.CreateBrowserlessClient().SendAsync(new HttpRequestMessage(HttpMethod.Head, path));

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal("text/calendar; charset=utf-8", head.Content.Headers.ContentType!.ToString());
    }

    [Fact]
    public async Task Neither_the_token_nor_the_patient_reaches_the_log()
    {
        var (_, _, lastName, email) = await ClinicianWithASittingAsync();
        var log = new CapturedLog();
        // A second host over the same database, logging through the app's own configured levels into the test.
        await using var logged = app.WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(log)));
        var client = logged.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await app.SignInAsync(client, email);

        var path = await MakeLinkAsync(client);
        var anonymous = logged.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/feeds/BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB.ics")).StatusCode);

        var token = path["/feeds/".Length..^".ics".Length];
        Assert.NotEmpty(log.Lines); // the capture is wired to the app's log, so the checks below look at something
        Assert.DoesNotContain(log.Lines, line => line.Contains(token, StringComparison.Ordinal));
        Assert.DoesNotContain(log.Lines, line => line.Contains("BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB", StringComparison.Ordinal));
        Assert.DoesNotContain(log.Lines, line => line.Contains(lastName, StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData(Roles.FrontDesk)]
    [InlineData(Roles.Admin)]
    public async Task Only_clinicians_may_open_the_page_or_make_a_link(string role)
    {
        var client = await app.LoginAsAsync(role);
        var clinician = await app.LoginAsAsync(Roles.Clinician);
        var token = (await clinician.GetDocumentAsync(Page)).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(Page)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostFieldsAsync($"{Page}?handler=Create", [new("__RequestVerificationToken", token)])).StatusCode);
    }

    [Fact]
    public async Task A_new_link_makes_the_old_address_404()
    {
        var (client, _, _, _) = await ClinicianWithASittingAsync();
        var old = await MakeLinkAsync(client);

        var renewed = await MakeLinkAsync(client);
        var anonymous = app.CreateBrowserlessClient();

        Assert.NotEqual(old, renewed);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(old)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(renewed)).StatusCode);
    }

    [Fact]
    public async Task Turning_the_link_off_makes_its_address_404()
    {
        var (client, _, _, _) = await ClinicianWithASittingAsync();
        var path = await MakeLinkAsync(client);

        var off = await PressAsync(client, "Revoke");
        var page = await client.GetDocumentAsync(Page);

        Assert.Equal(HttpStatusCode.Redirect, off.StatusCode);
        Assert.Contains("You have no calendar link", page.Body!.TextContent);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateBrowserlessClient().GetAsync(path)).StatusCode);
    }

    [Theory]
    [InlineData("/feeds/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics")] // well formed, never issued
    [InlineData("/feeds/short.ics")]
    [InlineData("/feeds/%27%20OR%201%3D1%20--.ics")]
    [InlineData("/feeds/..%2F..%2Fetc%2Fpasswd.ics")]
    public async Task An_unknown_or_malformed_token_is_an_empty_404(string path)
    {
        var response = await app.CreateBrowserlessClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    public async Task Any_method_but_get_and_head_is_refused_with_405(string method)
    {
        var (client, _, _, _) = await ClinicianWithASittingAsync();
        var path = await MakeLinkAsync(client);

        var response = await app.CreateBrowserlessClient().SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    /// <summary>Every message and structured value logged, at the levels the app's configuration lets through.</summary>
    private sealed class CapturedLog : ILoggerProvider
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(CapturedLog log, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" ", pairs.Select(p => p.Value)) : "";
                log.Lines.Enqueue($"{category}: {formatter(state, exception)} {values} {exception}");
            }
        }
    }
}
