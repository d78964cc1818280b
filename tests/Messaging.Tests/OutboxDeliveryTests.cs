using System.Diagnostics;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Intake;
using Platform.Messaging.Outbox;
using Platform.TestInfrastructure;

namespace Platform.Messaging.Tests;

public sealed class OutboxDeliveryTests(TestServersFixture fixture) : IAsyncLifetime
{
    private MessagingTestHost _host = null!;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public async ValueTask InitializeAsync() =>
        _host = await MessagingTestHost.StartAsync(fixture.Servers, "delivery", bus => bus.AddConsumer<CountingConsumer>());

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task An_event_committed_with_its_state_change_reaches_the_consumer_once()
    {
        var submitted = await _host.CommitReferralAsync();

        await _host.WaitForEffectAsync($"consumed:{submitted.ReferralId}", Patience);
        await Task.Delay(300, TestContext.Current.CancellationToken);
        Assert.Equal(1, await _host.EffectCountAsync($"consumed:{submitted.ReferralId}"));
        await Probe.WaitUntilAsync(() => _host.OutboxCountAsync().GetAwaiter().GetResult() == 0, Patience, "outbox drained");
    }

    [Fact]
    public async Task The_writers_trace_continues_through_the_outbox_and_broker_into_the_consumer()
    {
        using var listener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        using var source = new ActivitySource("Platform.Messaging.Tests");

        ReferralSubmitted submitted;
        ActivityTraceId traceId;
        using (var request = source.StartActivity("POST /api/intake/referrals", ActivityKind.Server))
        {
            traceId = request!.TraceId;
            submitted = await _host.CommitReferralAsync();
        }

        await Probe.WaitUntilAsync(() => _host.Probe.Handled.Any(h => h.ReferralId == submitted.ReferralId), Patience, "consumer handled the event");
        var handled = _host.Probe.Handled.Single(h => h.ReferralId == submitted.ReferralId);
        Assert.Equal(traceId, handled.TraceId);
    }

    [Fact]
    public async Task A_duplicate_delivery_has_one_effect()
    {
        var bus = _host.Services.GetRequiredService<IBus>();
        var messageId = Guid.NewGuid();
        var message = new ReferralSubmitted(Guid.NewGuid(), "cr1-dup", "school-test", "school", "GM0935", ["learning"], "regular", DateTimeOffset.UtcNow);

        // The same message twice, as a redelivery after a lost ack or a relay crash would bring it.
        await bus.Publish(message, ctx => ctx.MessageId = messageId, TestContext.Current.CancellationToken);
        await bus.Publish(message, ctx => ctx.MessageId = messageId, TestContext.Current.CancellationToken);

        await Probe.WaitUntilAsync(() => _host.Probe.Consumed.Count(id => id == messageId) == 2, Patience, "both deliveries consumed");
        Assert.Equal(1, await _host.EffectCountAsync($"consumed:{message.ReferralId}"));
        Assert.Single(_host.Probe.Handled, h => h.MessageId == messageId);
    }
}
