using System.Diagnostics;
using Platform.EndToEnd.Tests.Faults.Control;
using Platform.ServiceDefaults;
using Platform.TestInfrastructure;

namespace Platform.EndToEnd.Tests.Faults.Injected;

/// <summary>
/// One node of the broker's three-node cluster is lost under load (#28): SIGKILL to its Erlang runtime, as when its
/// machine dies. The node lost is the first, the one every service connects to first and where most quorum queues have
/// their leader: their connections drop, each queue's two other members elect a new leader, and the services reconnect
/// to another node (the cluster's nodes are in their connection string). The platform must keep going meanwhile, not
/// merely hold on: the services report themselves healthy again (their bus connected to a live node) while the node is
/// still down, and the reconciliation counts every effect of every request accepted before, during and after. A
/// message a consumer had not yet acknowledged on the lost node is delivered again by the new leader: the inboxes take
/// it once. The node is then started again and rejoins; <c>BrokerNodeDown</c> must fire and clear.
/// </summary>
public sealed class BrokerNodeLost : Fault
{
    private static readonly TimeSpan ReconnectLimit = TimeSpan.FromSeconds(60);

    public override string Name => "one RabbitMQ node of three lost (SIGKILL), restarted";

    public override string? Alert => "BrokerNodeDown";

    public override Task InjectAsync(FaultContext context)
    {
        if (context.Platform.BrokerNodes.Count < 3)
            throw new InvalidOperationException($"The broker is not a three-node cluster ({string.Join(", ", context.Platform.BrokerNodes)}): Platform:BrokerNodes.");
        return context.Platform.Resources.KillBrokerNodeAsync(FaultPlatform.BrokerResource, context.Cancellation);
    }

    /// <summary>Every service's bus on a live node, while the lost one is still down: the quorum queues keep going.</summary>
    public override async Task ObserveAsync(FaultContext context)
    {
        var clock = Stopwatch.StartNew();
        foreach (var service in new[] { ResourceNames.Intake, ResourceNames.Monitoring, ResourceNames.Subscriptions })
            if (await context.Platform.AwaitHealthAsync(service, "Healthy", ReconnectLimit, context.Cancellation) is { } last)
                context.Expect(false, $"{service} was not healthy {ReconnectLimit.TotalSeconds:0} s after a broker node was lost (last: {last}); it should have reconnected to another node.");
        context.Notes.Add($"Intake, Monitoring and Subscriptions healthy on the two surviving nodes {clock.Elapsed.TotalSeconds:0.0} s into the observation, the lost node still down");
    }

    public override Task LiftAsync(FaultContext context) =>
        context.Platform.Resources.StartAsync(FaultPlatform.BrokerResource, context.Cancellation);
}
