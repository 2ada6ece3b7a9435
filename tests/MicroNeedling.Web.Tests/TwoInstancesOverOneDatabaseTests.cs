using System.Globalization;
using System.Net;
using MicroNeedling.Clinic.Bookings;
using MicroNeedling.Clinic.Data;
using MicroNeedling.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace MicroNeedling.Web.Tests;

/// <summary>
/// Two instances of the app behind a load balancer, over one database of the run's engine (<see cref="TestDatabases"/>):
/// a new, empty PostgreSQL database or a new SQLite file. They start at the same moment and race the start-up
/// migration; then one browser is sent to either, and front desk on each books the same clinician or room at once.
/// </summary>
[Collection(RealProcesses.Name)]
public sealed class TwoInstancesOverOneDatabaseTests : IDisposable
{
    /// <summary>Contested slots: in each, one booking goes to A and one to B at the same moment.</summary>
    private const int Rounds = 10;

    /// <summary>Contested slots two hours apart, so that no two of them overlap one another.</summary>
    private const int RoundsPerDay = 5;

    /// <summary>Everything after both instances answer: seeding, signing in, booking and reading back.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    private readonly ITestOutputHelper output;
    private readonly ClinicDatabase database;
    private readonly string? databasePath;
    private readonly List<RealAppProcess> processes = [];

    public TwoInstancesOverOneDatabaseTests(ITestOutputHelper output)
    {
        this.output = output;
        if (TestDatabases.IsPostgreSql)
        {
            database = new ClinicDatabase(DatabaseProvider.PostgreSQL, TestDatabases.CreateEmptyPostgreSqlDatabase());
        }
        else
        {
            databasePath = Path.Combine(Path.GetTempPath(), "microneedling-tests", $"two-instances-{Guid.NewGuid():N}.db");
            Directory.CreateDirectory(Path.GetDirectoryName(databasePath)!);
            database = new ClinicDatabase(DatabaseProvider.Sqlite, new SqliteConnectionStringBuilder { DataSource = databasePath }.ToString());
        }
    }

    [Fact]
    public async Task Two_instances_started_at_once_migrate_once_share_sign_ins_and_never_double_book_a_slot()
    {
        var a = Start();
        var b = Start();
        await Task.WhenAll(a.WaitUntilReadyAsync(), b.WaitUntilReadyAsync());

        await AssertEveryMigrationIsAppliedOnceAsync();
        await RunBoundedAsync(async () =>
        {
            // Lane 0 is A's, lane 1 is B's: a clinician, a room and patients each. The first request of every lane is
            // an uncontested warm-up; the rest are contested.
            var clinic = await BookableClinic.SeedAsync(database, lanes: 2, bookingsPerLane: Rounds + 1);

            var browser = new CookieContainer();
            using var toA = a.CreateClient(browser);
            using var toB = b.CreateClient(browser);
            var token = await SignInOnAAndAssertBHonoursItAsync(b, toA, toB, clinic);

            var winners = await BookContestedSlotsOnBothAndAssertOneWinnerEachAsync(toA, toB, token, clinic);

            await AssertBothCalendarsShowAsync(toA, toB, winners);
        });
    }

    private async Task AssertEveryMigrationIsAppliedOnceAsync()
    {
        Assert.All(processes, p => Assert.False(p.HasExited, p.Output));
        await using var db = NewContext();
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
    }

    /// <summary>
    /// Signs in on A through the login form; B then serves a protected page to A's cookie and accepts a form token A
    /// issued. Returns that token.
    /// </summary>
    private static async Task<string> SignInOnAAndAssertBHonoursItAsync(RealAppProcess b, HttpClient toA, HttpClient toB, BookableClinic clinic)
    {
        using (var stranger = b.CreateClient())
        {
            using var refused = await stranger.GetAsync("/Calendar");
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.StartsWith("/Account/Login", LocalPath(refused), StringComparison.OrdinalIgnoreCase);
        }

        using var login = await toA.PostFormAsync("/Account/Login", new Dictionary<string, string>
        {
            ["Input.Email"] = BookableClinic.FrontDeskEmail,
            ["Input.Password"] = ClinicAppFactory.Password,
        });
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.DoesNotContain("/Account/Login", LocalPath(login), StringComparison.OrdinalIgnoreCase);

        using var calendarOnB = await toB.GetAsync("/Calendar");
        Assert.True(calendarOnB.StatusCode == HttpStatusCode.OK, $"B answered A's cookie with {(int)calendarOnB.StatusCode} {calendarOnB.Headers.Location}.");

        var warmUpA = clinic.Lanes[0][0];
        var token = (await toA.GetDocumentAsync($"/Bookings/Create?sittingId={warmUpA.SittingId}"))
            .QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new InvalidOperationException("A's booking form has no antiforgery token.");

        // A's token, posted to B, books B's first patient.
        using var onB = await PostBookingAsync(toB, token, clinic.Lanes[1][0]);
        Assert.True(IsAcknowledged(onB), $"B refused a booking posted with A's form token: {await DescribeAsync(onB)}");
        return token;
    }

    /// <summary>
    /// In each round A books its own clinician and room, and B at the same moment books another patient overlapping it:
    /// with A's clinician in even rounds, in A's room in odd ones (starting 15 minutes later, a partial overlap). All
    /// rounds go at once. Exactly one booking of each round may win, and the database must agree with the answers.
    /// Returns the winners' booking ids and days.
    /// </summary>
    private async Task<IReadOnlyList<(int BookingId, DateOnly Day)>> BookContestedSlotsOnBothAndAssertOneWinnerEachAsync(
        HttpClient toA, HttpClient toB, string token, BookableClinic clinic)
    {
        var tomorrow = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(1);
        var pairs = Enumerable.Range(0, Rounds).Select(round =>
        {
            var mine = clinic.Lanes[0][round + 1];
            var other = clinic.Lanes[1][round + 1];
            var day = tomorrow.AddDays(round / RoundsPerDay);
            var time = new TimeOnly(7, 0).AddHours(2 * (round % RoundsPerDay));
            var onA = mine with { Date = day, Time = time };
            var onB = round % 2 == 0
                ? other with { ClinicianId = mine.ClinicianId, Date = day, Time = time }
                : other with { RoomId = mine.RoomId, Date = day, Time = time.AddMinutes(15) };
            return (OnA: onA, OnB: onB);
        }).ToList();

        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        async Task<(BookingRequest Request, HttpResponseMessage Response)> SendAsync(HttpClient client, BookingRequest request)
        {
            await go.Task;
            return (request, await PostBookingAsync(client, token, request));
        }

        var sending = pairs.SelectMany(p => new[] { SendAsync(toA, p.OnA), SendAsync(toB, p.OnB) }).ToList();
        go.SetResult();
        var answers = await Task.WhenAll(sending);

        var acknowledged = new HashSet<int>();
        foreach (var (request, response) in answers)
        {
            using (response)
            {
                if (IsAcknowledged(response))
                {
                    acknowledged.Add(request.SittingId);
                }
                else
                {
                    Assert.True(response.StatusCode == HttpStatusCode.OK, $"{request}: {await DescribeAsync(response)}");
                    var page = await response.ReadDocumentAsync();
                    Assert.Matches("clinician already has a booking|room is already booked", $"{page.FieldError("Input.ClinicianId")} {page.FieldError("Input.RoomId")}");
                }
            }
        }

        await using var db = NewContext();
        var contested = pairs.SelectMany(p => new[] { p.OnA.SittingId, p.OnB.SittingId }).ToList();
        var live = await db.Bookings.AsNoTracking().Where(Booking.IsLive)
            .Select(x => new { x.Id, x.PlannedSittingId, x.ClinicianId, x.RoomId, x.StartUtc, x.EndUtc })
            .ToListAsync();
        var contestedLive = live.Where(x => contested.Contains(x.PlannedSittingId)).ToList();
        foreach (var (onA, onB) in pairs)
        {
            var booked = contestedLive.Count(x => x.PlannedSittingId == onA.SittingId || x.PlannedSittingId == onB.SittingId);
            Assert.True(booked == 1, $"The slot of {onA} and {onB} has {booked} live bookings.");
        }

        Assert.Equal(acknowledged.Order(), contestedLive.Select(x => x.PlannedSittingId).Order());
        var overlaps = live.SelectMany(x => live.Where(y => y.Id > x.Id && x.StartUtc < y.EndUtc && y.StartUtc < x.EndUtc
                && (x.ClinicianId == y.ClinicianId || x.RoomId == y.RoomId))
            .Select(y => $"bookings {x.Id} and {y.Id}"));
        Assert.Empty(overlaps);

        var wonOnB = pairs.Count(p => acknowledged.Contains(p.OnB.SittingId));
        output.WriteLine($"{database.Provider}: {Rounds} contested slots, won on A {Rounds - wonOnB}, on B {wonOnB}.");
        return contestedLive.Select(x => (x.Id, DateOnly.FromDateTime(x.StartUtc))).ToList(); // the clinic runs on UTC
    }

    private static async Task AssertBothCalendarsShowAsync(HttpClient toA, HttpClient toB, IReadOnlyList<(int BookingId, DateOnly Day)> winners)
    {
        foreach (var (client, name) in new[] { (toA, "A"), (toB, "B") })
        {
            foreach (var day in winners.GroupBy(w => w.Day))
            {
                var calendar = await client.GetDocumentAsync($"/Calendar?date={day.Key:yyyy-MM-dd}");
                foreach (var (bookingId, _) in day)
                {
                    Assert.True(calendar.QuerySelector($"[data-testid=booking-{bookingId}]") is not null, $"{name}'s calendar of {day.Key} lacks booking {bookingId}.");
                }
            }
        }
    }

    private static Task<HttpResponseMessage> PostBookingAsync(HttpClient client, string token, BookingRequest request) =>
        client.PostFieldsAsync($"/Bookings/Create?sittingId={request.SittingId}",
        [
            new("__RequestVerificationToken", token),
            new("Input.SittingId", request.SittingId.ToString(CultureInfo.InvariantCulture)),
            new("Input.ClinicianId", request.ClinicianId),
            new("Input.RoomId", request.RoomId.ToString(CultureInfo.InvariantCulture)),
            new("Input.Date", request.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            new("Input.Time", request.Time.ToString("HH:mm", CultureInfo.InvariantCulture)),
        ]);

    /// <summary>A booking is made when the app redirects to the calendar.</summary>
    private static bool IsAcknowledged(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Redirect && LocalPath(response).StartsWith("/Calendar", StringComparison.Ordinal);

    private static string LocalPath(HttpResponseMessage response) =>
        response.Headers.Location is { } location ? (location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString) : "";

    private static async Task<string> DescribeAsync(HttpResponseMessage response)
    {
        var page = response.StatusCode == HttpStatusCode.OK ? await response.ReadDocumentAsync() : null;
        return $"{(int)response.StatusCode} {response.Headers.Location} {page?.ErrorSummary()} "
            + string.Join(" ", page?.QuerySelectorAll(".field-validation-error").Select(e => e.TextContent.Trim()) ?? []);
    }

    private RealAppProcess Start()
    {
        var process = RealAppProcess.Start(database);
        processes.Add(process);
        return process;
    }

    private ClinicDbContext NewContext() => database.Provider == DatabaseProvider.PostgreSQL
        ? new PostgreSqlClinicDbContext(new DbContextOptionsBuilder<PostgreSqlClinicDbContext>().UseNpgsql(database.ConnectionString).Options)
        : new ClinicDbContext(new DbContextOptionsBuilder<ClinicDbContext>()
            .UseSqlite(new SqliteConnectionStringBuilder(database.ConnectionString) { Pooling = false }.ToString()).Options);

    private async Task RunBoundedAsync(Func<Task> work)
    {
        try
        {
            await work().WaitAsync(Bound);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException(
                $"Seeding, signing in and booking did not finish within {Bound.TotalSeconds:0} s. A:{Environment.NewLine}{processes[0].Output}"
                + $"{Environment.NewLine}B:{Environment.NewLine}{processes[1].Output}", e);
        }
    }

    public void Dispose()
    {
        foreach (var process in processes)
        {
            process.Dispose();
        }

        if (databasePath is null)
        {
            TestDatabases.DropPostgreSqlDatabase(database.ConnectionString);
            return;
        }

        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm", StartupMigration.LockFileSuffix })
        {
            File.Delete(databasePath + suffix);
        }
    }
}
