using MicroNeedling.Clinic.Data;
using MicroNeedling.Clinic.Messaging;
using MicroNeedling.Tests;
using Microsoft.EntityFrameworkCore;

namespace MicroNeedling.Clinic.Tests.Messaging;

/// <summary>Two app instances' dispatchers over one PostgreSQL database never send one message twice (FOR UPDATE SKIP LOCKED).</summary>
public sealed class TwoDispatchersTests
{
    private const int Messages = 60;

    [OnlyOn(DatabaseProvider.PostgreSQL, "two instances share one database only on PostgreSQL; a real second process on SQLite is the kill -9 test's")]
    public async Task Two_dispatchers_draining_one_outbox_at_once_deliver_every_message_exactly_once()
    {
        using var clinic = await MailingClinic.OpenAsync();
        await using var smtp = TestSmtpServer.Start();
        var plan = await clinic.PatientWithCourseAsync();
        await clinic.Host.QueryAsync(async db =>
        {
            for (var i = 0; i < Messages; i++)
            {
                db.OutboxMessages.Add(new OutboxMessage
                {
                    Kind = MessageKind.Aftercare,
                    PatientId = plan.PatientId,
                    ToAddress = "anna@example.com",
                    Subject = $"Message {i}",
                    TextBody = "text",
                    HtmlBody = "<p>html</p>",
                    MessageId = $"{Guid.NewGuid():N}@clinic.test",
                    CreatedAtUtc = clinic.Host.UtcNow,
                    DueAtUtc = clinic.Host.UtcNow,
                    NextAttemptAtUtc = clinic.Host.UtcNow,
                });
            }

            return await db.SaveChangesAsync();
        });

        clinic.Host.Mail.SmtpPort = smtp.Port;
        async Task<int> InstanceAsync()
        {
            var handled = 0;
            int round;
            do
            {
                // Small rounds, so the two interleave all the way through.
                round = await clinic.Host.RunAsync<OutboxDispatcher, int>(d => d.SendDueAsync(new SmtpMailTransport(clinic.Host.Mail), 3, CancellationToken.None));
                handled += round;
            }
            while (round > 0);

            return handled;
        }

        var handledBy = await Task.WhenAll(InstanceAsync(), InstanceAsync());

        var received = await smtp.WaitForAsync(Messages);
        Assert.Equal(Messages, received.Count);
        Assert.Equal(Messages, received.Select(m => m.MessageId).Distinct().Count());
        Assert.Equal(Messages, handledBy.Sum());
        Assert.All(handledBy, n => Assert.True(n > 0, $"One instance sent nothing: {string.Join(", ", handledBy)}"));
        var statuses = await clinic.Host.QueryAsync(db => db.OutboxMessages.Select(m => m.Status).ToListAsync());
        Assert.All(statuses, s => Assert.Equal(OutboxStatus.Sent, s));
    }
}
