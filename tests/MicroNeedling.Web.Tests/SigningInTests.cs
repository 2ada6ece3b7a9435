using System.Net;
using MicroNeedling.Clinic.Staff;
using MicroNeedling.Testing;

namespace MicroNeedling.Web.Tests;

[Collection(SharedApp.Name)]
public sealed class SigningInTests(ClinicAppFactory app)
{
    [Fact]
    public async Task Login_page_is_served_to_anonymous_visitors()
    {
        var response = await app.CreateBrowserlessClient().GetAsync("/Account/Login");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Sign in", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/Patients")]
    [InlineData("/Patients/Create")]
    [InlineData("/Screening/Create?patientId=1")]
    [InlineData("/Plans/Create?patientId=1")]
    [InlineData("/Admin/Staff")]
    [InlineData("/Admin/Settings")]
    public async Task Anonymous_visitors_are_sent_to_the_login_page(string url)
    {
        var response = await app.CreateBrowserlessClient().GetAsync(url);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task Correct_password_signs_in_and_lands_on_the_clinicians_day()
    {
        var client = await app.LoginAsAsync(Roles.Clinician);

        var start = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        Assert.Equal("/MyDay", start.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/MyDay")).StatusCode);
    }

    [Fact]
    public async Task Wrong_password_shows_a_message_and_does_not_sign_in()
    {
        var email = await app.EnsureUserAsync(Roles.FrontDesk);
        var client = app.CreateBrowserlessClient();

        var response = await client.PostFormAsync("/Account/Login", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = "not the password" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("not right", (await response.ReadDocumentAsync()).ErrorSummary());
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/Patients")).StatusCode);
    }

    [Fact]
    public async Task Empty_login_form_names_the_missing_fields()
    {
        var response = await app.CreateBrowserlessClient().PostFormAsync("/Account/Login", new Dictionary<string, string> { ["Input.Email"] = "", ["Input.Password"] = "" });

        var page = await response.ReadDocumentAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Enter your e-mail address.", page.FieldError("Input.Email"));
        Assert.Equal("Enter your password.", page.FieldError("Input.Password"));
    }

    [Fact]
    public async Task There_is_no_self_registration_page()
    {
        // Signed in, so the answer is about the page itself and not the login redirect every unknown URL gets.
        var client = await app.LoginAsAsync(Roles.Admin);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/Identity/Account/Register")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/Account/Register")).StatusCode);
    }

    [Fact]
    public async Task Posting_without_an_antiforgery_token_is_refused()
    {
        var email = await app.EnsureUserAsync(Roles.Clinician);
        var response = await app.CreateBrowserlessClient().PostFieldsAsync("/Account/Login",
            [new("Input.Email", email), new("Input.Password", ClinicAppFactory.Password)]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        var client = await app.LoginAsAsync(Roles.FrontDesk);

        var response = await client.PostFormAsync("/Patients", [], postUrl: "/Account/Logout");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/Patients")).StatusCode);
    }
}
