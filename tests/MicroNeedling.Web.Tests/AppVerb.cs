using System.Diagnostics;

namespace MicroNeedling.Web.Tests;

/// <summary>
/// One command-line verb of the built app (<c>dotnet MicroNeedling.Web.dll migrate</c>, <c>backup --to FILE</c>, ...) run
/// to the end as its own process, as an operator or a cron job runs it.
/// </summary>
public static class AppVerb
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    public sealed record Outcome(int ExitCode, string Output)
    {
        public override string ToString() => $"exit code {ExitCode}:{Environment.NewLine}{Output}";
    }

    /// <summary>Runs the verb against <paramref name="connectionString"/> in environment Testing, with any extra environment variables.</summary>
    public static async Task<Outcome> RunAsync(string connectionString, IEnumerable<string> arguments, IDictionary<string, string>? environment = null)
    {
        var folder = AppContext.BaseDirectory;
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(folder, "MicroNeedling.Web.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["DOTNET_ENVIRONMENT"] = "Testing";
        start.Environment["ConnectionStrings__Clinic"] = connectionString;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{string.Join(' ', arguments)} did not finish within {Timeout.TotalSeconds:0} s.");
        }

        return new Outcome(process.ExitCode, await stdout + await stderr);
    }
}
