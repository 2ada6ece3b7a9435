using System.Net;
using System.Net.Sockets;

namespace MicroNeedling.Web.Tests;

/// <summary>
/// Issue 15: with its port taken the app crashed with a stack trace after printing the one-time demo passwords. A real
/// process, in Development (which seeds and prints the passwords), on a port a listener of the test holds.
/// </summary>
public sealed class StartingOnABusyPortTests
{
    [Fact]
    public async Task A_busy_port_stops_the_start_with_one_line_before_anything_is_seeded_or_printed()
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;
        var database = Path.Combine(Path.GetTempPath(), $"busy-port-{Guid.NewGuid():N}.db");
        try
        {
            var outcome = await AppVerb.RunAsync($"Data Source={database}", ["--urls", $"http://127.0.0.1:{port}"],
                new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Development", ["DOTNET_ENVIRONMENT"] = "Development", ["Database__Provider"] = "Sqlite" });

            Assert.Equal(1, outcome.ExitCode);
            var lines = outcome.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            Assert.Contains(lines, l => l.StartsWith($"Port {port} is already in use", StringComparison.Ordinal) && l.Contains("--urls", StringComparison.Ordinal));
            Assert.DoesNotContain("Demo accounts", outcome.Output);
            Assert.DoesNotContain("Exception", outcome.Output);
            Assert.False(File.Exists(database) && new FileInfo(database).Length > 0, "the database was created or migrated");
        }
        finally
        {
            File.Delete(database);
        }
    }
}
