using MicroNeedling.Clinic.Messaging;

namespace MicroNeedling.Web.Infrastructure;

/// <summary>
/// The background service that empties the outbox: every poll interval, a fresh scope sends what is due
/// (<see cref="OutboxDispatcher"/>). Every app instance runs one; their claims keep them from sending a message twice.
/// A failing round (the database briefly unavailable) is logged and tried again next round, never taking the app down.
/// </summary>
public sealed class OutboxWorker(IServiceScopeFactory scopes, MailTransportChoice choice, MailOptions options, ILogger<OutboxWorker> log) : BackgroundService
{
    private const int MessagesPerRound = 50;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var transport = choice.Transport!;
        while (!stoppingToken.IsCancellationRequested)
        {
            var handled = 0;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                handled = await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().SendDueAsync(transport, MessagesPerRound, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                log.LogError(e, "A round of sending the outbox failed; the next round tries again.");
            }

            // A full round means more is due: go on at once.
            if (handled < MessagesPerRound)
            {
                try
                {
                    await Task.Delay(options.PollInterval, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
