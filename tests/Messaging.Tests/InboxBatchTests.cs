using System.Collections.Concurrent;
using System.Diagnostics;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Intake;
using Platform.Messaging.Inbox;
using Platform.Messaging.Outbox;
using Platform.TestInfrastructure;
using RabbitMQ.Client;

namespace Platform.Messaging.Tests;

/// <summary>
/// Batched consumers (issue #27): many messages in one transaction, each still exactly once and acknowledged after the
/// commit; a poison message falls back to one at a time and fails alone; a duplicate within a batch has no effect.
/// </summary>
public sealed class InboxBatchTests(TestServersFixture fixture) : IAsyncLifetime
{
    private MessagingTestHost _host = null!;
    private readonly ConcurrentQueue<int> _batchSizes = new();
    private ActivityListener? _listener;

    public async ValueTask InitializeAsync()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == "Platform.Messaging",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a =>
            {
                if (a.OperationName == "inbox batch" && a.GetTagItem("messaging.batch.message_count") is int size) _batchSizes.Enqueue(size);
            },
        };
        ActivitySource.AddActivityListener(_listener);
        _host = await MessagingTestHost.StartAsync(fixture.Servers, "batched", bus => bus.AddConsumer<BatchedCountingConsumer>().Endpoint(e =>
        {
            e.PrefetchCount = 128;
            e.ConcurrentMessageLimit = 128;
        }));
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        _listener?.Dispose();
    }

    private CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_backlog_is_handled_in_shared_transactions_each_message_once()
    {
        var referrals = await CommitReferralsAsync(400);

        await Probe.WaitUntilAsync(() => _host.EffectCountAsync("batched:").Result >= referrals.Count, TimeSpan.FromSeconds(60), "400 effects");
        await Task.Delay(500, Ct);
        Assert.Equal(referrals.Count, await _host.EffectCountAsync("batched:"));
        Assert.Equal(referrals.Count, await _host.WithDbAsync(db => db.Set<InboxMessage>().CountAsync(Ct)));
        // Shared: fewer transactions than messages, some of them many messages.
        Assert.True(_batchSizes.Sum() >= referrals.Count, $"batches covered {_batchSizes.Sum()} messages");
        Assert.True(_batchSizes.Count < referrals.Count / 2, $"{_batchSizes.Count} transactions for {referrals.Count} messages");
        Assert.True(_batchSizes.Max() > 10, $"largest batch {_batchSizes.Max()}");
    }

    [Fact]
    public async Task A_poison_message_fails_alone_and_the_others_in_its_batch_commit()
    {
        var poison = Guid.NewGuid();
        var referrals = await CommitReferralsAsync(150, poisonAt: 70, poison: poison);

        await Probe.WaitUntilAsync(() => _host.EffectCountAsync("batched:").Result >= referrals.Count - 1, TimeSpan.FromSeconds(60), "149 effects");
        // The poison message: its first attempt in a batch and alone, then the retries (alone or batched, each falling back),
        // then the error queue, by itself.
        var inError = await ErrorQueueCountAsync("batched-counting_error", TimeSpan.FromSeconds(30));
        Assert.Equal(1u, inError);
        Assert.Equal(referrals.Count - 1, await _host.EffectCountAsync("batched:"));
        Assert.Equal(0, await _host.EffectCountAsync("must-roll-back:"));
        Assert.Equal(0, await _host.EffectCountAsync($"batched:{poison}"));
    }

    [Fact]
    public async Task The_same_message_twice_in_one_batch_has_one_effect()
    {
        var bus = _host.Services.GetRequiredService<IBus>();
        var message = new ReferralSubmitted(Guid.NewGuid(), "cr1-test", "school-test", "school", "GM0935", ["learning"], "regular", DateTimeOffset.UtcNow);
        var messageId = Guid.NewGuid();
        // With others around it, so the two copies are likely in one batch; either way, one effect.
        var others = Enumerable.Range(0, 60).Select(_ => message with { ReferralId = Guid.NewGuid() }).ToList();
        await Task.WhenAll([
            .. others.Take(30).Select(m => bus.Publish(m, Ct)),
            bus.Publish(message, c => c.MessageId = messageId, Ct),
            bus.Publish(message, c => c.MessageId = messageId, Ct),
            .. others.Skip(30).Select(m => bus.Publish(m, Ct)),
        ]);

        await Probe.WaitUntilAsync(() => _host.EffectCountAsync("batched:").Result >= 61, TimeSpan.FromSeconds(30), "61 effects");
        await Probe.WaitUntilAsync(() => _host.Probe.Consumed.Count(id => id == messageId) >= 2, TimeSpan.FromSeconds(30), "both copies consumed");
        Assert.Equal(1, await _host.EffectCountAsync($"batched:{message.ReferralId}"));
        Assert.Equal(61, await _host.EffectCountAsync("batched:"));
    }

    /// <summary>Referrals committed through the outbox in one transaction, so that they arrive together.</summary>
    private async Task<List<Guid>> CommitReferralsAsync(int count, int poisonAt = -1, Guid poison = default)
    {
        var ids = Enumerable.Range(0, count).Select(i => i == poisonAt ? poison : Guid.NewGuid()).ToList();
        await using var scope = _host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TestDbContext>();
        foreach (var (id, i) in ids.Select((id, i) => (id, i)))
            db.AddIntegrationEvent(new ReferralSubmitted(id, "cr1-test", "school-test", "school", "GM0935", ["learning"], i == poisonAt ? "poison" : "regular",
                DateTimeOffset.UtcNow));
        await db.SaveChangesAsync(Ct);
        return ids;
    }

    private async Task<uint> ErrorQueueCountAsync(string queue, TimeSpan timeout)
    {
        var factory = new ConnectionFactory { Uri = new Uri(_host.MessagingConnectionString) };
        await using var connection = await factory.CreateConnectionAsync(Ct);
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            await using var channel = await connection.CreateChannelAsync(cancellationToken: Ct);
            try
            {
                var declared = await channel.QueueDeclarePassiveAsync(queue, Ct);
                if (declared.MessageCount > 0 || DateTime.UtcNow > deadline)
                {
                    // Anything else that would still arrive there: give it a moment.
                    await Task.Delay(1000, Ct);
                    return (await channel.QueueDeclarePassiveAsync(queue, Ct)).MessageCount;
                }
            }
            catch (RabbitMQ.Client.Exceptions.OperationInterruptedException) when (DateTime.UtcNow < deadline) { }
            await Task.Delay(200, Ct);
        }
    }
}
