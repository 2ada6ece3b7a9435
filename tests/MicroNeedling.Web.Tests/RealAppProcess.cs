using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MicroNeedling.Clinic.Data;

namespace MicroNeedling.Web.Tests;

/// <summary>
/// The real app as its own operating-system process (<c>dotnet MicroNeedling.Web.dll</c>) on a loopback port, over a
/// SQLite file or a PostgreSQL database the test chooses: what a clinic runs, so it can be killed as a clinic's server
/// can be, and started twice over one database as a clinic with two instances is.
/// </summary>
/// <remarks>
/// It runs in environment "Testing", as the in-process tests do: Development would seed demo accounts, and the test
/// talks plain HTTP. Output is kept (the last lines) to explain a failed start.
/// </remarks>
public sealed class RealAppProcess : IDisposable
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    private const int KeptOutputLines = 200;

    private readonly Process process;
    private readonly Queue<string> output = new();

    private RealAppProcess(Process process, Uri baseAddress)
    {
        this.process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public bool HasExited => process.HasExited;

    public int ExitCode => process.ExitCode;

    /// <summary>The last lines the app wrote to stdout and stderr.</summary>
    public string Output
    {
        get
        {
            lock (output)
            {
                return string.Join(Environment.NewLine, output);
            }
        }
    }

    /// <summary>Starts the app over a SQLite file.</summary>
    public static RealAppProcess Start(string databasePath, IReadOnlyDictionary<string, string>? settings = null) =>
        Start(new ClinicDatabase(DatabaseProvider.Sqlite, $"Data Source={databasePath}"), settings);

    /// <summary>
    /// Starts the app built beside the test assembly (the Web project is a dependency, so it is always built) over the
    /// given database, passed as the settings <c>Database:Provider</c> and <c>ConnectionStrings:Clinic</c>.
    /// </summary>
    public static RealAppProcess Start(ClinicDatabase database, IReadOnlyDictionary<string, string>? settings = null)
    {
        var baseAddress = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = StartInfo(database, ["--urls", baseAddress.ToString().TrimEnd('/')]);
        start.Environment.Remove("ASPNETCORE_URLS");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            // Configuration keys as environment variables: "Mail:SmtpPort" is Mail__SmtpPort.
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = new Process { StartInfo = start };
        var started = new RealAppProcess(process, baseAddress);
        process.OutputDataReceived += (_, e) => started.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => started.Keep(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return started;
    }

    /// <summary>
    /// How the app built beside the test assembly is run as its own process (the Web project is a dependency, so it is
    /// always built): from its folder, which is its content root with appsettings.json, in environment "Testing", over
    /// the given database. <see cref="AppVerb"/> runs the command-line verbs the same way.
    /// </summary>
    public static ProcessStartInfo StartInfo(ClinicDatabase database, IEnumerable<string> arguments)
    {
        var folder = AppContext.BaseDirectory;
        var app = Path.Combine(folder, "MicroNeedling.Web.dll");
        if (!File.Exists(app))
        {
            throw new InvalidOperationException($"The app is not built: {app} is missing.");
        }

        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(app);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["DOTNET_ENVIRONMENT"] = "Testing";
        start.Environment["Database__Provider"] = database.Provider.ToString();
        start.Environment["ConnectionStrings__Clinic"] = database.ConnectionString;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        return start;
    }

    /// <summary>Waits until the login page answers 200: migrations have run and requests are served.</summary>
    public async Task WaitUntilReadyAsync()
    {
        using var probe = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < StartTimeout)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The app exited with code {process.ExitCode} while starting:{Environment.NewLine}{Output}");
            }

            try
            {
                using var response = await probe.GetAsync("/Account/Login");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"The app did not answer within {StartTimeout.TotalSeconds:0} s:{Environment.NewLine}{Output}");
    }

    /// <summary>kill -9: on Linux <see cref="Process.Kill(bool)"/> sends SIGKILL, so nothing in the app runs again.</summary>
    public async Task KillHardAsync()
    {
        process.Kill(entireProcessTree: true);
        using var exit = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await process.WaitForExitAsync(exit.Token);
    }

    /// <summary>A client that keeps cookies and does not follow redirects, so the test sees each answer as sent.</summary>
    public HttpClient CreateClient() => CreateClient(new CookieContainer());

    /// <summary>
    /// A client that keeps its cookies in <paramref name="cookies"/>. Cookies are not told apart by port, so clients of
    /// two instances on 127.0.0.1 sharing one container are one browser behind a load balancer.
    /// </summary>
    public HttpClient CreateClient(CookieContainer cookies) =>
        new(new SocketsHttpHandler { CookieContainer = cookies, AllowAutoRedirect = false })
        {
            BaseAddress = BaseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };

    public void Dispose()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(15_000);
            }
        }
        catch (InvalidOperationException)
        {
            // It had already gone.
        }

        process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.Enqueue(line);
            if (output.Count > KeptOutputLines)
            {
                output.Dequeue();
            }
        }
    }
}
