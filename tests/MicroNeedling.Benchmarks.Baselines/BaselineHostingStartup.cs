using MicroNeedling.Benchmarks.Baselines;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.Extensions.DependencyInjection;

[assembly: HostingStartup(typeof(BaselineHostingStartup))]

namespace MicroNeedling.Benchmarks.Baselines;

/// <summary>
/// Adds the baselines to the app the harness starts: <c>/bench/json</c>, the Fortunes-style page
/// <c>/bench/fortunes</c> (signed in, like every page of the app) and the same page anonymous at
/// <c>/bench/fortunes-anonymous</c>. Loaded only when ASPNETCORE_HOSTINGSTARTUPASSEMBLIES names this assembly.
/// </summary>
public sealed class BaselineHostingStartup : IHostingStartup
{
    public const string AnonymousFortunesRoute = "bench/fortunes-anonymous";

    public void Configure(IWebHostBuilder builder) =>
        builder.ConfigureServices(services =>
        {
            // The app discovers Razor Pages in its own assembly only; this part makes /bench/fortunes known.
            services.AddRazorPages(options => options.Conventions.AddPageRouteModelConvention("/Bench/Fortunes", AddAnonymousRoute))
                .AddApplicationPart(typeof(BaselineHostingStartup).Assembly);
            services.AddTransient<IStartupFilter, JsonBaselineStartupFilter>();
        });

    /// <summary>
    /// The same compiled page (model, query and markup) at a second route whose endpoint carries [AllowAnonymous], so
    /// the difference between the two is exactly what signing in costs a request: the cookie, the session check and
    /// whatever the app's filters do for a signed-in user.
    /// </summary>
    private static void AddAnonymousRoute(PageRouteModel model) =>
        model.Selectors.Add(new SelectorModel
        {
            AttributeRouteModel = new AttributeRouteModel { Template = AnonymousFortunesRoute },
            EndpointMetadata = { new AllowAnonymousAttribute() },
        });
}
