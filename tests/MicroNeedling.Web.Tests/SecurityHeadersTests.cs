using System.Net;
using System.Net.Http.Headers;
using MicroNeedling.Clinic.Staff;
using MicroNeedling.Testing;
using Microsoft.AspNetCore.Mvc.Testing;

namespace MicroNeedling.Web.Tests;

/// <summary>Every response carries the security headers; only static files may be cached.</summary>
[Collection(SharedApp.Name)]
public sealed class SecurityHeadersTests(ClinicAppFactory app)
{
    [Fact]
    public async Task Pages_error_pages_and_static_files_all_carry_the_security_headers()
    {
        var anonymous = app.CreateBrowserlessClient();
        var frontDesk = await app.LoginAsAsync(Roles.FrontDesk);
        var patientId = await app.CreatePatientAsync();

        var login = await anonymous.GetAsync("/Account/Login");
        var patient = await frontDesk.GetAsync($"/Patients/Details/{patientId}");
        var notFound = await frontDesk.GetAsync("/no-such-page");
        var forbidden = await frontDesk.GetAsync("/Admin/Staff");
        var redirect = await anonymous.GetAsync("/Patients");
        var css = await anonymous.GetAsync("/css/site.css");

        Assert.Equal(
            [HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.NotFound, HttpStatusCode.Forbidden, HttpStatusCode.Redirect, HttpStatusCode.OK],
            [login.StatusCode, patient.StatusCode, notFound.StatusCode, forbidden.StatusCode, redirect.StatusCode, css.StatusCode]);
        foreach (var response in new[] { login, patient, notFound, forbidden, redirect, css })
        {
            SecurityHeaderAssertions.AssertSecurityHeaders(response);
        }

        foreach (var response in new[] { login, patient, notFound, forbidden, redirect })
        {
            SecurityHeaderAssertions.AssertNotStored(response);
        }

        // Static files hold no patient data; the browser may keep them.
        Assert.NotEqual(true, css.Headers.CacheControl?.NoStore);
    }

    [Fact]
    public async Task Hsts_is_sent_over_https_outside_development()
    {
        // The shared host runs in environment "Testing"; HSTS is only meaningful (and only sent) over HTTPS.
        var https = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://clinic.example/"), AllowAutoRedirect = false });
        var http = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://clinic.example/"), AllowAutoRedirect = false });

        var secure = await https.GetAsync("/Account/Login");
        var plain = await http.GetAsync("/Account/Login");

        Assert.Equal(HttpStatusCode.OK, secure.StatusCode);
        Assert.Equal("max-age=31536000", SecurityHeaderAssertions.Header(secure, "Strict-Transport-Security"));
        Assert.Equal("", SecurityHeaderAssertions.Header(plain, "Strict-Transport-Security"));
    }

    [Fact]
    public async Task Pages_have_no_inline_scripts_inline_styles_or_event_handler_attributes()
    {
        // The policy refuses them, so a page that used them would silently break in the browser.
        var clinicianId = await app.CreateClinicianAsync();
        var roomId = await app.CreateRoomAsync();
        var plan = await app.CreateBookablePatientAsync();
        await app.InsertBookingAsync(plan, 1, clinicianId, roomId, new DateTime(2026, 3, 12, 10, 0, 0, DateTimeKind.Utc), Clinic.Bookings.BookingStatus.Booked);
        var frontDesk = await app.LoginAsAsync(Roles.FrontDesk);
        var admin = await app.LoginAsAsync(Roles.Admin);

        var offending = new List<string>();
        foreach (var (client, url) in new[]
        {
            (app.CreateBrowserlessClient(), "/Account/Login"),
            (frontDesk, "/Calendar?date=2026-03-12&view=day&by=clinician"),
            (frontDesk, $"/Calendar?date=2026-03-12&view=week&clinicianId={clinicianId}"),
            (frontDesk, $"/Patients/Details/{plan.PatientId}"),
            (admin, "/Admin/Settings"),
            (admin, "/Account/TwoFactor/Setup"),
        })
        {
            offending.AddRange(SecurityHeaderAssertions.InlineCode(await client.GetDocumentAsync(url), url));
        }

        // A form shown again with messages next to its fields, and the whole-course proposal (a summary of all errors).
        var refused = await app.CreateBrowserlessClient().PostFormAsync("/Account/Login", new Dictionary<string, string> { ["Input.Email"] = "", ["Input.Password"] = "" });
        offending.AddRange(SecurityHeaderAssertions.InlineCode(await refused.ReadDocumentAsync(), "login with errors"));
        var proposalUrl = $"/Plans/BookCourse/{plan.Id}?TimeOfDay=Any&ClinicianId={clinicianId}&propose=1";
        var proposal = await frontDesk.GetDocumentAsync(proposalUrl);
        Assert.NotNull(proposal.QuerySelector(".error-summary"));
        offending.AddRange(SecurityHeaderAssertions.InlineCode(proposal, proposalUrl));

        Assert.Empty(offending);
    }
}

public static class SecurityHeaderAssertions
{
    private const string Csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
        + "frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

    public static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : "";

    public static void AssertSecurityHeaders(HttpResponseMessage response)
    {
        var url = response.RequestMessage!.RequestUri!.PathAndQuery;
        Assert.True(Csp == Header(response, "Content-Security-Policy"), $"{url}: CSP was \"{Header(response, "Content-Security-Policy")}\"");
        Assert.True(Header(response, "X-Content-Type-Options") == "nosniff", url);
        Assert.True(Header(response, "X-Frame-Options") == "DENY", url);
        Assert.True(Header(response, "Referrer-Policy") == "no-referrer", url);
        Assert.True(Header(response, "Permissions-Policy").Contains("camera=()", StringComparison.Ordinal), url);
    }

    /// <summary>What the Content Security Policy would refuse: inline scripts, style attributes and elements, event-handler attributes.</summary>
    public static IEnumerable<string> InlineCode(AngleSharp.Html.Dom.IHtmlDocument page, string url) =>
    [
        .. page.QuerySelectorAll("script:not([src])").Select(e => $"{url}: inline script"),
        .. page.All.Where(e => e.HasAttribute("style")).Select(e => $"{url}: style on <{e.LocalName} class=\"{e.ClassName}\">"),
        .. page.All.SelectMany(e => e.Attributes.Where(a => a.Name.StartsWith("on", StringComparison.Ordinal)).Select(a => $"{url}: {a.Name} on <{e.LocalName}>")),
        .. page.QuerySelectorAll("style").Select(e => $"{url}: <style> element"),
    ];

    public static void AssertNotStored(HttpResponseMessage response)
    {
        var url = response.RequestMessage!.RequestUri!.PathAndQuery;
        Assert.True(response.Headers.CacheControl?.NoStore == true, $"{url}: Cache-Control was \"{response.Headers.CacheControl}\"");
        Assert.True(response.Headers.Pragma.Contains(new NameValueHeaderValue("no-cache")), url);
    }
}
