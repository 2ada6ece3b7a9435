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

            // The harness reads these before and after a page's load, to report the garbage collector's share.
            app.Map("/bench/gc", branch => branch.Run(context =>
                context.Response.WriteAsJsonAsync(GcFigures.Now(), context.RequestAborted)));
            next(app);
        };
}

public sealed record JsonMessage(string Message);

/// <summary>The process's garbage-collection counters so far.</summary>
public sealed record GcFigures(int Gen0, int Gen1, int Gen2, double PauseMs, long AllocatedBytes, bool ServerGc)
{
    public static GcFigures Now() => new(
        GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration().TotalMilliseconds,
        GC.GetTotalAllocatedBytes(), System.Runtime.GCSettings.IsServerGC);
}
