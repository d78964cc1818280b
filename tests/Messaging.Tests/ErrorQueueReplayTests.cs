using Platform.ErrorQueueTool;
using Platform.TestInfrastructure;

namespace Platform.Messaging.Tests;

/// <summary>The operator's replay: a poison message waits in the error queue; after the fix, one replay, one effect.</summary>
public sealed class ErrorQueueReplayTests(TestServersFixture fixture) : IAsyncLifetime
{
    private MessagingTestHost _host = null!;

    public async ValueTask InitializeAsync() =>
        _host = await MessagingTestHost.StartAsync(fixture.Servers, "replay", bus => bus.AddConsumer<FlakyDependencyConsumer>());

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task After_the_fix_a_replayed_message_has_exactly_one_effect_and_a_second_replay_none()
    {
        _host.Probe.DependencyBroken = true;
        var submitted = await _host.CommitReferralAsync();
        var tool = new ErrorQueueOperator(_host.MessagingConnectionString, fixture.Servers.RabbitMqManagement);
        const string errorQueue = "flaky-dependency_error";

        await Probe.WaitUntilAsync(() => tool.PeekAsync(errorQueue, 10).GetAwaiter().GetResult().Count == 1, TimeSpan.FromSeconds(30), "the message in the error queue");
        // (The management API's counts lag a few seconds behind; the queue itself is listed at once.)
        Assert.Contains(await tool.ListAsync(TestContext.Current.CancellationToken), q => q.Name == errorQueue);
        var waiting = Assert.Single(await tool.PeekAsync(errorQueue, 10, TestContext.Current.CancellationToken));
        Assert.Equal("System.InvalidOperationException", waiting.ExceptionType);
        Assert.Contains(submitted.ReferralId.ToString(), waiting.Body);
        Assert.Equal(0, await _host.EffectCountAsync($"consumed:{submitted.ReferralId}"));

        _host.Probe.DependencyBroken = false; // the fix
        Assert.Equal(1, await tool.ReplayAsync(errorQueue, ct: TestContext.Current.CancellationToken));
        await _host.WaitForEffectAsync($"consumed:{submitted.ReferralId}", TimeSpan.FromSeconds(30));

        // An operator replaying the same message again (e.g. from a copy) changes nothing.
        Assert.Equal(0, await tool.ReplayAsync(errorQueue, ct: TestContext.Current.CancellationToken));
        await Task.Delay(500, TestContext.Current.CancellationToken);
        Assert.Equal(1, await _host.EffectCountAsync($"consumed:{submitted.ReferralId}"));
        Assert.Empty(await tool.PeekAsync(errorQueue, 10, TestContext.Current.CancellationToken));
    }
}
