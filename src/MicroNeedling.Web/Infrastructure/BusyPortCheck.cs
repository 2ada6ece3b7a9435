using System.Net;
using System.Net.Sockets;

namespace MicroNeedling.Web.Infrastructure;

/// <summary>
/// Before migrating, seeding or printing the one-time demo passwords: each address the app was told to listen on (ASPNETCORE_URLS,
/// <c>--urls</c> or the launch profile) must be free. Otherwise the app stops with one line naming the port and the fix,
/// instead of a stack trace after the passwords have scrolled by.
/// </summary>
public static class BusyPortCheck
{
    /// <returns>The line to print and stop with, or null when every port is free (or none was named).</returns>
    public static string? Problem(IConfiguration configuration)
    {
        var urls = configuration["urls"];
        if (string.IsNullOrWhiteSpace(urls))
        {
            return null;
        }

        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // "http://*:5086" and "http://+:5086" are not valid URIs; they mean every address.
            var parsed = url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal);
            if (!Uri.TryCreate(parsed, UriKind.Absolute, out var uri) || uri.Port <= 0)
            {
                continue;
            }

            var address = uri.Host is "localhost" ? IPAddress.Loopback : IPAddress.TryParse(uri.Host, out var ip) ? ip : IPAddress.Any;
            try
            {
                using var probe = new TcpListener(address, uri.Port);
                probe.Start();
                probe.Stop();
            }
            catch (SocketException)
            {
                return $"Port {uri.Port} is already in use ({url}). Stop the program using it, or start on another port: dotnet run --project src/MicroNeedling.Web --urls http://localhost:5099";
            }
        }

        return null;
    }
}
