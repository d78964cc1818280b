using Platform.ServiceDefaults;
using Platform.AppHost;

namespace Platform.EndToEnd.Tests.Faults.Injected;

/// <summary>
/// Funding is frozen (SIGSTOP) with its connections open, long enough for a backlog in its queues,
/// then resumed (SIGCONT): a consumer that stalls (a long GC, a stuck disk, a paused VM). Its backlog
/// must drain with every message applied once. A pause longer than two heartbeats (10 s each,
/// Messaging:Heartbeat; the full profile's 30 s) also makes the broker give the frozen connection up and hand the
/// messages it held for Funding back to the queue: on waking, Funding reconnects, and its inbox takes each once.
/// </summary>
public sealed class ConsumerPause : Fault
{
    private const string Service = ResourceNames.Funding;
    private const string Queue = "funding-case-opened";

    public override string Name => "funding paused (SIGSTOP), resumed";

    public override TimeSpan Hold(Profile profile) => profile.Pause;

    public override Task InjectAsync(FaultContext context)
    {
        context.Platform.Resources.Pause(Service);
        return Task.CompletedTask;
    }

    public override async Task ObserveAsync(FaultContext context)
    {
        var backlog = await context.Platform.Broker.ReadyMessagesAsync(Queue, context.Cancellation);
        context.Notes.Add($"backlog in {Queue} halfway through the pause: {backlog}");
        context.Expect(backlog > 0, $"No backlog built up in {Queue} while funding was paused: the pause did not hold its consumer.");
    }

    public override Task LiftAsync(FaultContext context)
    {
        context.Platform.Resources.ContinueAll();
        return Task.CompletedTask;
    }
}
