using Platform.ServiceDefaults;
using Platform.AppHost;
using Platform.EndToEnd.Tests.Faults.Control;

namespace Platform.EndToEnd.Tests.Faults.Injected;

/// <summary>
/// RabbitMQ stops (SIGTERM, as <c>systemctl stop</c>) and is started again: every node of it, where it is a cluster
/// (the first node stopped last, then all started together: the others wait at boot for the one that stopped last).
/// Writes must still be accepted meanwhile (the outbox
/// holds their events), health must say Degraded, not dead, and every confirmed message on the quorum queues must still
/// be there after the restart.
/// </summary>
public sealed class BrokerRestart : Fault
{
    public override string Name => "RabbitMQ stopped, restarted";

    public override async Task InjectAsync(FaultContext context)
    {
        foreach (var node in context.Platform.BrokerNodes.Reverse())
            await context.Platform.Resources.StopBrokerAsync(node, context.Cancellation);
    }

    public override async Task ObserveAsync(FaultContext context)
    {
        using var intake = context.Platform.ServiceClient(ResourceNames.Intake);
        var response = await intake.GetAsync("/health", context.Cancellation);
        var body = await response.Content.ReadAsStringAsync(context.Cancellation);
        context.Notes.Add($"intake /health while the broker is down: {(int)response.StatusCode} {body}");
        context.Expect((int)response.StatusCode == 200 && body.Contains("Degraded", StringComparison.Ordinal),
            $"Intake's /health said {(int)response.StatusCode} {body} while the broker was down; expected 200 Degraded.");
    }

    /// <summary>All at once: a node that was not the last to stop waits at start for the others to be back.</summary>
    public override Task LiftAsync(FaultContext context) =>
        Task.WhenAll(context.Platform.BrokerNodes.Select(node => context.Platform.Resources.StartAsync(node, context.Cancellation)));
}
