using System.Collections.Concurrent;
using MassTransit;

namespace Platform.TestInfrastructure;

/// <summary>
/// Counts, per message id, how often a service's consumers finished with a message (handled,
/// skipped as a duplicate, or failed). The positive signal that a message has been dealt with,
/// so a test that expects "nothing more happened" waits for it instead of sleeping.
/// </summary>
/// <remarks>
/// Our services bind one queue per consumer, and MassTransit calls a consume observer once per
/// receive endpoint after its consumers ran: one count per consumer that took the message.
/// </remarks>
public sealed class ConsumedMessages : IConsumeObserver
{
    private readonly ConcurrentDictionary<Guid, int> _finished = new();

    /// <summary>How often consumers finished with <paramref name="messageId"/> so far.</summary>
    public int Count(Guid messageId) => _finished.GetValueOrDefault(messageId);

    /// <summary>Waits until consumers finished with each id at least <paramref name="times"/> times.</summary>
    public Task WaitForAsync(IEnumerable<Guid> messageIds, int times = 1, TimeSpan? timeout = null)
    {
        var ids = messageIds.ToList();
        return Eventually.ValueAsync(() => Task.FromResult(ids.Select(Count).ToArray()), counts => counts.All(n => n >= times),
            $"messages {string.Join(", ", ids)} to be consumed {times} time(s) each (counts in that order)",
            timeout, TestContext.Current.CancellationToken);
    }

    public Task WaitForAsync(Guid messageId, int times = 1) => WaitForAsync([messageId], times);

    Task IConsumeObserver.PreConsume<T>(ConsumeContext<T> context) => Task.CompletedTask;

    Task IConsumeObserver.PostConsume<T>(ConsumeContext<T> context) => Finished(context);

    Task IConsumeObserver.ConsumeFault<T>(ConsumeContext<T> context, Exception exception) => Finished(context);

    private Task Finished(ConsumeContext context)
    {
        if (context.MessageId is { } id) _finished.AddOrUpdate(id, 1, (_, n) => n + 1);
        return Task.CompletedTask;
    }
}
