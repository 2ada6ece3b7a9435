using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace MicroNeedling.Benchmarks.Baselines;

/// <summary>
/// TechEmpower's JSON test: a small object serialised per request. It sits in front of the app's own pipeline
/// (no security headers, no authentication), so it shows what ASP.NET Core itself serves on this machine.
/// </summary>
public sealed class JsonBaselineStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) =>
        app =>
        {
            app.Map("/bench/json", branch => branch.Run(context =>
                context.Response.WriteAsJsonAsync(new JsonMessage("Hello, World!"), context.RequestAborted)));
            next(app);
        };
}

public sealed record JsonMessage(string Message);
