using System.Diagnostics;
using System.Net;
using MicroNeedling.Clinic.Data;
using MicroNeedling.Clinic.Messaging;
using MicroNeedling.Testing;
using MicroNeedling.Tests;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace MicroNeedling.Web.Tests;

/// <summary>
/// The transactional outbox against SIGKILL, with the real app as its own process sending to a real SMTP server in the
/// test: a booking acknowledged before a kill -9 gets its confirmation after the restart, exactly once; a restart sends
/// nothing again; and a kill while mail is flowing loses nothing silently and sends nothing twice.
/// </summary>
[Collection(RealProcesses.Name)]
public sealed class OutboxSurvivesAHardKillTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int BookingsBeforeTheKill = 12;
    private const int BookingsUnderLoad = 40;

    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(4);

    private readonly string databasePath = Path.Combine(Path.GetTempPath(), "microneedling-tests", $"outbox-{Guid.NewGuid():N}.db");
    private readonly List<RealAppProcess> processes = [];
    private TestSmtpServer smtp = default!;

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(databasePath)!);
        smtp = TestSmtpServer.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        foreach (var process in processes)
        {
            process.Dispose();
        }

        await smtp.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { databasePath, databasePath + "-wal", databasePath + "-shm" })
        {
            File.Delete(file);
        }
    }

    [OnlyOn(DatabaseProvider.Sqlite, "a real process over a SQLite file; two instances on PostgreSQL are TwoDispatchersTests'")]
    public async Task Mail_of_bookings_committed_before_a_kill_9_goes_out_once_after_the_restart_and_a_kill_mid_sending_sends_nothing_twice()
    {
        var clinic = await BookableClinic.SeedAsync(databasePath, lanes: 1, BookingsBeforeTheKill + BookingsUnderLoad);
        var requests = clinic.Lanes[0];

        // 1. Committed, then killed before any send: this instance's dispatcher looks once at start-up, then sleeps an hour.
        var sleepy = await StartAsync(TimeSpan.FromHours(1));
        var (client, token) = await SignInAsync(sleepy);
        foreach (var request in requests.Take(BookingsBeforeTheKill))
        {
            using var response = await PostBookingAsync(client, token, request);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }

        await sleepy.KillHardAsync();
        Assert.Empty(smtp.Received);
        Assert.Equal(BookingsBeforeTheKill, (await OutboxAsync()).Count(m => m.Kind == MessageKind.Confirmation && m.Status == OutboxStatus.Pending));

        // 2. The restarted app sends each of them once.
        var restarted = await StartAsync(TimeSpan.FromMilliseconds(200));
        var received = await smtp.WaitForAsync(BookingsBeforeTheKill);
        await WaitUntilAsync(async () => (await OutboxAsync()).All(m => m.Status != OutboxStatus.Pending || m.DueAtUtc > DateTime.UtcNow));
        Assert.Equal(BookingsBeforeTheKill, received.Count);
        Assert.Equal(BookingsBeforeTheKill, received.Select(m => m.MessageId).Distinct().Count());
        var sent = (await OutboxAsync()).Where(m => m.Status == OutboxStatus.Sent).Select(m => m.MessageId).Order().ToList();
        Assert.Equal(sent, received.Select(m => m.MessageId!).Order().ToList());

        // 3. Another kill and restart: nothing is sent again.
        await restarted.KillHardAsync();
        var third = await StartAsync(TimeSpan.FromMilliseconds(200));
        await Task.Delay(TimeSpan.FromSeconds(2)); // ten rounds of the dispatcher
        Assert.Equal(BookingsBeforeTheKill, smtp.Received.Count);
        output.WriteLine($"Phase 1: {BookingsBeforeTheKill} confirmations committed before kill -9, each sent once after the restart; none again after a second restart.");

        // 4. Bookings and mail flowing at once; kill -9 mid-stream, restart, let abandoned claims expire.
        (client, token) = await SignInAsync(third);
        var acknowledged = 0;
        var load = Stopwatch.StartNew();
        var killAfter = TimeSpan.FromMilliseconds(Random.Shared.Next(1500, 3000));
        foreach (var request in requests.Skip(BookingsBeforeTheKill))
        {
            if (load.Elapsed > killAfter)
            {
                break;
            }

            using var response = await PostBookingAsync(client, token, request);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            acknowledged++;
        }

        var receivedAtKill = smtp.Received.Count;
        await third.KillHardAsync();
        load.Stop();
        var fourth = await StartAsync(TimeSpan.FromMilliseconds(200));
        await Task.Delay(Lease + TimeSpan.FromSeconds(1));
        await WaitUntilAsync(async () => (await OutboxAsync()).All(m => m.Status is not (OutboxStatus.Pending or OutboxStatus.Sending) || m.DueAtUtc > DateTime.UtcNow));

        var outbox = await OutboxAsync();
        var confirmations = outbox.Where(m => m.Kind == MessageKind.Confirmation).ToList();
        var all = smtp.Received;
        output.WriteLine(
            $"Phase 2: {acknowledged} bookings acknowledged in {load.Elapsed.TotalSeconds:0.0} s, {receivedAtKill - BookingsBeforeTheKill} mails received before the kill; "
            + $"after the restart {all.Count - BookingsBeforeTheKill} received in all; outbox: {string.Join(", ", outbox.GroupBy(m => m.Status).Select(g => $"{g.Key} {g.Count()}"))}.");

        Assert.Equal(BookingsBeforeTheKill + acknowledged, confirmations.Count); // nothing lost: each acknowledged booking has its mail
        Assert.Equal(all.Count, all.Select(m => m.MessageId).Distinct().Count()); // nothing sent twice
        var sentIds = outbox.Where(m => m.Status == OutboxStatus.Sent).Select(m => m.MessageId).ToHashSet();
        var unconfirmed = outbox.Where(m => m.Status == OutboxStatus.Unconfirmed).ToList();
        Assert.All(all, m => Assert.True(sentIds.Contains(m.MessageId!) || unconfirmed.Any(u => u.MessageId == m.MessageId), $"{m.MessageId} arrived but is not recorded as sent or unconfirmed"));
        Assert.True(unconfirmed.Count <= 1, $"{unconfirmed.Count} unconfirmed: only the one message in flight at the kill may be.");
        Assert.All(confirmations, m => Assert.Contains(m.Status, new[] { OutboxStatus.Sent, OutboxStatus.Unconfirmed }));
        fourth.Dispose();
    }

    private async Task<RealAppProcess> StartAsync(TimeSpan pollInterval)
    {
        var app = RealAppProcess.Start(databasePath, new Dictionary<string, string>
        {
            ["Mail:SmtpHost"] = "127.0.0.1",
            ["Mail:SmtpPort"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Mail:Security"] = nameof(SmtpSecurity.None),
            ["Mail:PollInterval"] = pollInterval.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
            ["Mail:Lease"] = Lease.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
        });
        processes.Add(app);
        await app.WaitUntilReadyAsync();
        return app;
    }

    private static async Task<(HttpClient Client, string Token)> SignInAsync(RealAppProcess app)
    {
        var client = app.CreateClient();
        var login = await client.PostFormAsync("/Account/Login", new Dictionary<string, string>
        {
            ["Input.Email"] = BookableClinic.FrontDeskEmail,
            ["Input.Password"] = ClinicAppFactory.Password,
        });
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var token = (await client.GetDocumentAsync("/Patients")).QuerySelector("form.signout input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new InvalidOperationException("No antiforgery token.");
        return (client, token);
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

    private async Task<List<OutboxMessage>> OutboxAsync()
    {
        var connection = new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString();
        await using var db = new ClinicDbContext(new DbContextOptionsBuilder<ClinicDbContext>().UseSqlite(connection).Options);
        return await db.OutboxMessages.AsNoTracking().ToListAsync();
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var waited = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(60), "The outbox did not settle within 60 s.");
            await Task.Delay(200);
        }
    }
}
