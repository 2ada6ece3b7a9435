using System.Net;
using MicroNeedling.Clinic.Staff;
using MicroNeedling.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace MicroNeedling.Web.Tests;

/// <summary>Outside Development a failure shows the friendly error page: a reference to quote, never the exception.</summary>
[Collection(SharedApp.Name)]
public sealed class ErrorPagesTests(ClinicAppFactory app)
{
    private const string Secret = "Secret detail 4711 about patient Jane Doe";

    /// <summary>Adds, in this test host only, an address that fails after the whole app pipeline has run.</summary>
    private sealed class ThrowingEndpoint : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => builder =>
        {
            next(builder);
            builder.Use((context, inner) => context.Request.Path == "/test/throw" ? throw new InvalidOperationException(Secret) : inner(context));
        };
    }

    [Theory]
    [InlineData("Testing")]
    [InlineData("Production")]
    public async Task An_unhandled_exception_shows_the_friendly_page_without_the_exception(string environment)
    {
        var email = await app.EnsureUserAsync(Roles.FrontDesk);
        using var host = app.WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment(environment);
            builder.ConfigureTestServices(services => services.AddTransient<IStartupFilter, ThrowingEndpoint>());
        });
        // Over https: outside Development and Testing the session and antiforgery cookies are __Host- cookies, which need it.
        var client = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });
        var signedIn = await client.PostFormAsync("/Account/Login", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = ClinicAppFactory.Password });
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);

        var response = await client.GetAsync("/test/throw");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        var page = await response.ReadDocumentAsync();
        Assert.Equal("Something went wrong", page.QuerySelector("h1")!.TextContent);
        Assert.False(string.IsNullOrWhiteSpace(page.QuerySelector("[data-testid=request-id]")?.TextContent));
        Assert.DoesNotContain("Exception", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("4711", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Jane Doe", body, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\bat [\w.]+\(", body);
        Assert.DoesNotContain(".cs:line", body, StringComparison.Ordinal);
        SecurityHeaderAssertions.AssertSecurityHeaders(response);
        SecurityHeaderAssertions.AssertNotStored(response);
    }

    [Fact]
    public async Task The_error_page_shows_the_request_reference_and_nothing_else_about_the_request()
    {
        var response = await app.CreateBrowserlessClient().GetAsync("/Error");

        var page = await response.ReadDocumentAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["Something went wrong"], page.QuerySelectorAll("main h1").Select(h => h.TextContent));
        Assert.Equal(3, page.QuerySelectorAll("main p").Length);
        Assert.Matches(@"^\S+$", page.QuerySelector("[data-testid=request-id]")!.TextContent);
    }
}
