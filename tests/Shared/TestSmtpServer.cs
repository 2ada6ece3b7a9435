using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace MicroNeedling.Tests;

/// <summary>
/// A real SMTP server inside the test process (the SmtpServer package) on a free loopback port: the app's MailKit client
/// talks real SMTP to it, and the test reads what arrived. It can answer the next messages with a temporary (451) or
/// permanent (550) refusal, to prove the retry and failure paths.
/// </summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly SmtpServer.SmtpServer server;
    private readonly Task running;
    private readonly Store store;

    private TestSmtpServer(int port)
    {
        Port = port;
        store = new Store();
        var options = new SmtpServerOptionsBuilder().ServerName("localhost").Endpoint(e => e.Port(port).Endpoint(new IPEndPoint(IPAddress.Loopback, port))).Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(store);
        server = new SmtpServer.SmtpServer(options, services);
        running = server.StartAsync(stop.Token);
    }

    public int Port { get; }

    /// <summary>Every message accepted (answered 250), in arrival order.</summary>
    public IReadOnlyList<MimeMessage> Received => store.Received.ToList();

    public static TestSmtpServer Start() => new(FreePort());

    /// <summary>A loopback port nothing listens on, for "the mail server is down".</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The next <paramref name="count"/> messages are refused with <paramref name="code"/> (451: try later; 550: never).</summary>
    public void Refuse(int count, int code) => store.Refuse(count, code);

    /// <summary>Waits until at least <paramref name="count"/> messages have arrived, or the timeout.</summary>
    public async Task<IReadOnlyList<MimeMessage>> WaitForAsync(int count, TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (store.Received.Count < count && DateTime.UtcNow < until)
        {
            await Task.Delay(50);
        }

        return Received;
    }

    public async ValueTask DisposeAsync()
    {
        server.Shutdown();
        await stop.CancelAsync();
        try
        {
            await running.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception e) when (e is OperationCanceledException or TimeoutException)
        {
            // Stopped.
        }

        stop.Dispose();
    }

    private sealed class Store : MessageStore
    {
        private readonly Lock gate = new();
        private int refusals;
        private int refusalCode;

        public ConcurrentQueue<MimeMessage> Received { get; } = new();

        public void Refuse(int count, int code)
        {
            lock (gate)
            {
                refusals = count;
                refusalCode = code;
            }
        }

        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            lock (gate)
            {
                if (refusals > 0)
                {
                    refusals--;
                    // Real servers quote the recipient in a refusal; the app must keep that out of its log and records.
                    var to = string.Join(", ", transaction.To.Select(m => $"<{m.User}@{m.Host}>"));
                    return new SmtpResponse((SmtpReplyCode)refusalCode, refusalCode >= 500 ? $"{to}: Mailbox unavailable" : $"{to}: Try again later");
                }
            }

            await using var stream = new MemoryStream(buffer.ToArray());
            Received.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }
}
