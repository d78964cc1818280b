using System.Collections.Concurrent;
using System.Diagnostics;
using MassTransit;

namespace Platform.Messaging.Tests;

/// <summary>What the consumers under test saw, for the tests to wait on and assert.</summary>
public sealed class Probe
{
    public ConcurrentQueue<(Guid MessageId, Guid ReferralId, ActivityTraceId TraceId)> Handled { get; } = new();
    public ConcurrentQueue<Guid> Consumed { get; } = new();
    public int Attempts;

    /// <summary>How many attempts <see cref="DatabaseOutageConsumer"/> fails as if its database were down.</summary>
    public int OutageAttempts = 6;

    /// <summary>Stands for a dependency a consumer needs (a register, another API): broken until "fixed".</summary>
    public volatile bool DependencyBroken;

    public static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        var stopwatch = Stopwatch.StartNew();
        while (!condition())
        {
            if (stopwatch.Elapsed > timeout) throw new TimeoutException($"Timed out after {timeout}: {what}");
            await Task.Delay(50);
        }
    }
}

/// <summary>Sees every consumption, including those the inbox turns into no-ops.</summary>
public sealed class ProbeConsumeObserver(Probe probe) : IConsumeObserver
{
    public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

    public Task PostConsume<T>(ConsumeContext<T> context) where T : class
    {
        probe.Consumed.Enqueue(context.MessageId ?? Guid.Empty);
        return Task.CompletedTask;
    }

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class => Task.CompletedTask;
}
