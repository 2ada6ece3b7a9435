using System.Diagnostics;
using MicroNeedling.Clinic.Data;

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

    /// <summary>
    /// Runs the verb against the SQLite database <paramref name="connectionString"/> in environment Testing, with any
    /// extra environment variables (which may set another <c>Database__Provider</c>).
    /// </summary>
    public static async Task<Outcome> RunAsync(string connectionString, IEnumerable<string> arguments, IDictionary<string, string>? environment = null)
    {
        var start = RealAppProcess.StartInfo(new ClinicDatabase(DatabaseProvider.Sqlite, connectionString), arguments);
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
