using MicroNeedling.Benchmarks.Baselines;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

[assembly: HostingStartup(typeof(BaselineHostingStartup))]

namespace MicroNeedling.Benchmarks.Baselines;

/// <summary>
/// Adds the two baselines to the app the harness starts: <c>/bench/json</c> and the Fortunes-style page
/// <c>/bench/fortunes</c>. Loaded only when ASPNETCORE_HOSTINGSTARTUPASSEMBLIES names this assembly.
/// </summary>
public sealed class BaselineHostingStartup : IHostingStartup
{
    public void Configure(IWebHostBuilder builder) =>
        builder.ConfigureServices(services =>
        {
            // The app discovers Razor Pages in its own assembly only; this part makes /bench/fortunes known.
            services.AddRazorPages().AddApplicationPart(typeof(BaselineHostingStartup).Assembly);
            services.AddTransient<IStartupFilter, JsonBaselineStartupFilter>();
        });
}
