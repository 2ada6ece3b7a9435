using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using MicroNeedling.Clinic.Bookings;
using MicroNeedling.Clinic.Data;
using MicroNeedling.Testing;
using MicroNeedling.Tests;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace MicroNeedling.Web.Tests;

/// <summary>
/// The app is killed with SIGKILL (kill -9) while front desk keeps booking, three times over one SQLite file. After each
/// restart every booking the app acknowledged is there exactly once, and the file passes SQLite's integrity check.
/// </summary>
[Collection(RealProcesses.Name)]
public sealed class SurvivingAHardKillTests(ITestOutputHelper output) : IDisposable
{
    private const int Kills = 3;
    private const int Lanes = 4;

    /// <summary>
    /// The requests each lane may send in one run. A slow machine books a few dozen before the kill; a fast one comes near
    /// the end and is killed early, <see cref="KillMargin"/> requests before it, so the kill always lands mid-load.
    /// </summary>
    private const int BookingsPerLanePerRun = 30;

    private const int KillMargin = 10;

    private const int AcknowledgedBeforeTheKillClock = 5;

    /// <summary>Each run: log in, book, kill, restart and check. Generous for a loaded two-core CI machine.</summary>
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(180);

    private readonly string databasePath = Path.Combine(Path.GetTempPath(), "microneedling-tests", $"durable-{Guid.NewGuid():N}.db");
    private readonly List<RealAppProcess> processes = [];

    [OnlyOn(DatabaseProvider.Sqlite, "a SQLite file's durability is the app's to prove; on PostgreSQL the server owns it")]
    public async Task Every_acknowledged_booking_survives_three_kill_9s_exactly_once_and_the_database_stays_whole()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(databasePath)!);
        var total = Stopwatch.StartNew();
        var clinic = await BookableClinic.SeedAsync(databasePath, Lanes, BookingsPerLanePerRun * Kills);
        output.WriteLine($"Seeded {Lanes} lanes of {BookingsPerLanePerRun * Kills} bookable patients in {total.Elapsed.TotalSeconds:0.0} s.");

        var app = await StartAsync();
        var next = new int[Lanes];
        var acknowledged = new List<BookingRequest>();
        for (var run = 1; run <= Kills; run++)
        {
            var clock = Stopwatch.StartNew();
            var (load, restarted) = await BoundedAsync(RunAndRestartAsync(app, clinic, next, run * BookingsPerLanePerRun), $"run {run}");
            app = restarted;
            acknowledged.AddRange(load.Acknowledged);
            var committed = await AssertTheDatabaseHoldsAsync(acknowledged);
            output.WriteLine(
                $"Run {run}: {load.Acknowledged.Count} bookings acknowledged in {load.LoadTime.TotalSeconds:0.0} s of load, "
                + $"{load.InFlightAtKill} in flight at the kill ({load.CutOff} lanes cut off), {committed - acknowledged.Count} committed without an answer so far; "
                + $"{acknowledged.Count} acknowledged so far, all present once; integrity ok; run took {clock.Elapsed.TotalSeconds:0.0} s.");
        }

        output.WriteLine($"Total {total.Elapsed.TotalSeconds:0.0} s.");
    }

    private async Task<(LoadResult Load, RealAppProcess Restarted)> RunAndRestartAsync(RealAppProcess app, BookableClinic clinic, int[] next, int limit)
    {
        var load = await BookUntilKilledAsync(app, clinic, next, limit);

        Assert.True(app.HasExited, "The app is still running after SIGKILL.");
        if (OperatingSystem.IsLinux())
        {
            Assert.Equal(128 + 9, app.ExitCode); // killed by signal 9, not shut down
        }

        Assert.Empty(load.Refusals);
        Assert.True(load.InFlightAtKill > 0, "No booking was in flight when the app was killed.");
        return (load, await StartAsync());
    }

    private sealed record LoadResult(IReadOnlyList<BookingRequest> Acknowledged, IReadOnlyList<string> Refusals, int CutOff, int InFlightAtKill, TimeSpan LoadTime);

    /// <summary>
    /// Every lane posts its bookings one after another, up to <paramref name="limit"/>; a 302 to the calendar is the app's
    /// acknowledgement. A random 1–2.5 s after the first few acknowledgements (sooner if a lane nears its limit), at a
    /// moment when requests are in flight, the process gets SIGKILL. Each lane then stops at its first failed request.
    /// </summary>
    private static async Task<LoadResult> BookUntilKilledAsync(RealAppProcess app, BookableClinic clinic, int[] next, int limit)
    {
        using var client = app.CreateClient();
        var login = await client.PostFormAsync("/Account/Login", new Dictionary<string, string>
        {
            ["Input.Email"] = BookableClinic.FrontDeskEmail,
            ["Input.Password"] = ClinicAppFactory.Password,
        });
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var token = (await client.GetDocumentAsync($"/Bookings/Create?sittingId={clinic.Lanes[0][0].SittingId}"))
            .QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new InvalidOperationException("The booking form has no antiforgery token.");

        var acknowledged = new ConcurrentQueue<BookingRequest>();
        var refusals = new ConcurrentQueue<string>();
        var inFlight = 0;
        var cutOff = 0;
        var loadTime = Stopwatch.StartNew();

        async Task BookLaneAsync(int lane)
        {
            var requests = clinic.Lanes[lane];
            while (next[lane] < limit)
            {
                // Used up whether or not it is answered: a request cut off by the kill may still have been committed.
                var request = requests[next[lane]++];
                HttpResponseMessage response;
                Interlocked.Increment(ref inFlight);
                try
                {
                    response = await PostBookingAsync(client, token, request);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
                {
                    Interlocked.Increment(ref cutOff);
                    return;
                }
                finally
                {
                    Interlocked.Decrement(ref inFlight);
                }

                using (response)
                {
                    if (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString.StartsWith("/Calendar", StringComparison.Ordinal) == true)
                    {
                        acknowledged.Enqueue(request);
                    }
                    else
                    {
                        var page = response.StatusCode == HttpStatusCode.OK ? await response.ReadDocumentAsync() : null;
                        refusals.Enqueue($"{request}: {(int)response.StatusCode} {page?.ErrorSummary()} {string.Join(" ", page?.QuerySelectorAll(".field-validation-error").Select(e => e.TextContent.Trim()) ?? [])}");
                    }
                }
            }
        }

        var lanes = Enumerable.Range(0, Lanes).Select(lane => Task.Run(() => BookLaneAsync(lane))).ToList();
        while (acknowledged.Count < AcknowledgedBeforeTheKillClock && !lanes.All(l => l.IsCompleted))
        {
            await Task.Delay(20);
        }

        var killAt = Stopwatch.StartNew();
        var delay = TimeSpan.FromMilliseconds(Random.Shared.Next(1000, 2500));
        while (killAt.Elapsed < delay && next.All(n => n < limit - KillMargin))
        {
            await Task.Delay(10);
        }

        for (var spin = 0; spin < 100 && Volatile.Read(ref inFlight) == 0; spin++)
        {
            await Task.Delay(1);
        }

        var inFlightAtKill = Volatile.Read(ref inFlight);
        await app.KillHardAsync();
        loadTime.Stop();
        await Task.WhenAll(lanes);
        return new LoadResult([.. acknowledged], [.. refusals], cutOff, inFlightAtKill, loadTime.Elapsed);
    }

    private static Task<HttpResponseMessage> PostBookingAsync(HttpClient client, string token, BookingRequest request) =>
        client.PostFieldsAsync($"/Bookings/Create?sittingId={request.SittingId}",
        [
            new("__RequestVerificationToken", token),
            new("Input.SittingId", request.SittingId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("Input.ClinicianId", request.ClinicianId),
            new("Input.RoomId", request.RoomId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("Input.Date", request.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
            new("Input.Time", request.Time.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture)),
        ]);

    /// <summary>
    /// Reads the file the restarted app is serving from: the integrity check passes, every acknowledged booking is there
    /// once with its slot and its "booked" history entry, and nothing is booked twice. Returns the number of bookings.
    /// </summary>
    private async Task<int> AssertTheDatabaseHoldsAsync(IReadOnlyList<BookingRequest> acknowledged)
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString();
        await using (var connection = new SqliteConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var check = connection.CreateCommand();
            check.CommandText = "PRAGMA integrity_check";
            var problems = new List<string>();
            await using var reader = await check.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                problems.Add(reader.GetString(0));
            }

            Assert.Equal("ok", Assert.Single(problems));
        }

        await using var db = new ClinicDbContext(new DbContextOptionsBuilder<ClinicDbContext>().UseSqlite(connectionString).Options);
        var bookings = await db.Bookings.AsNoTracking()
            .Select(b => new
            {
                b.PlannedSittingId,
                b.ClinicianId,
                b.RoomId,
                b.StartUtc,
                b.Status,
                BookedEvents = b.History.Count(e => e.Kind == BookingEventKind.Booked),
            })
            .ToListAsync();

        var missing = new List<string>();
        foreach (var request in acknowledged)
        {
            var found = bookings.Where(b => b.PlannedSittingId == request.SittingId).ToList();
            var startUtc = request.Date.ToDateTime(request.Time); // the clinic runs on UTC
            if (found.Count != 1 || found[0].ClinicianId != request.ClinicianId || found[0].RoomId != request.RoomId
                || found[0].StartUtc != startUtc || found[0].Status != BookingStatus.Booked)
            {
                missing.Add($"{request}: found {found.Count} ({string.Join(", ", found.Select(f => $"{f.StartUtc:u} {f.Status}"))})");
            }
        }

        Assert.True(missing.Count == 0, $"{missing.Count} acknowledged bookings are missing or wrong after the restart:\n{string.Join("\n", missing.Take(10))}");
        Assert.Empty(bookings.GroupBy(b => b.PlannedSittingId).Where(g => g.Count() > 1).Select(g => $"sitting {g.Key} booked {g.Count()} times"));
        Assert.Empty(bookings.GroupBy(b => (b.ClinicianId, b.StartUtc)).Where(g => g.Count() > 1).Select(g => $"clinician slot {g.Key} booked {g.Count()} times"));
        Assert.Empty(bookings.GroupBy(b => (b.RoomId, b.StartUtc)).Where(g => g.Count() > 1).Select(g => $"room slot {g.Key} booked {g.Count()} times"));
        Assert.All(bookings, b => Assert.Equal(1, b.BookedEvents)); // a booking and its history entry commit together or not at all
        return bookings.Count;
    }

    private async Task<RealAppProcess> StartAsync()
    {
        var app = RealAppProcess.Start(databasePath);
        processes.Add(app);
        await app.WaitUntilReadyAsync();
        return app;
    }

    private static async Task<T> BoundedAsync<T>(Task<T> work, string what)
    {
        try
        {
            return await work.WaitAsync(RunTimeout);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{what} did not finish within {RunTimeout.TotalSeconds:0} s.", e);
        }
    }

    public void Dispose()
    {
        foreach (var process in processes)
        {
            process.Dispose();
        }

        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm", StartupMigration.LockFileSuffix })
        {
            File.Delete(databasePath + suffix);
        }
    }
}
