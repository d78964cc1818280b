using System.Diagnostics;
using Platform.EndToEnd.Tests.Faults.Control;
using Platform.ServiceDefaults;
using Platform.TestInfrastructure;

namespace Platform.EndToEnd.Tests.Faults.Injected;

/// <summary>
/// A network partition between one service (<see cref="PlatformFixture.PartitionedService"/>) and RabbitMQ (#28): its
/// path to the broker runs through a network namespace the suite made for it (<see cref="NetworkPartition"/>), and the
/// fault drops every packet on it, both ways. Nothing is refused or reset: the connection falls silent, as when a
/// switch fails. Both ends give it up after about two heartbeats (<c>Messaging:Heartbeat</c>, 10 s): the service reports
/// itself Degraded (its writes go on into its outbox) and the broker gives the messages it held for the service's
/// consumers back to the queue, which shows no consumer (<c>QueueWithoutConsumer</c> must fire). The rest of the
/// platform carries on. Healed, the service reconnects, consumes what waited and sends what its outbox held; the
/// reconciliation counts every effect once (a message the service took before the partition and the broker gave out
/// again is taken once by its inbox).
/// </summary>
public sealed class NetworkPartitioned : Fault
{
    private static readonly TimeSpan NoticeLimit = TimeSpan.FromSeconds(60);

    public override string Name => $"{PlatformFixture.PartitionedService}{(PlatformFixture.PartitionedService.EndsWith('s') ? "'" : "'s")} network path to RabbitMQ cut (a partition), healed";

    public override string? Alert => "QueueWithoutConsumer";

    /// <summary>The partitioned service's own queues (named after it), not another's.</summary>
    public override (string Label, string StartsWith)? AlertWhere => ("queue", $"{PlatformFixture.PartitionedService}-");

    public override Task InjectAsync(FaultContext context) =>
        (context.Platform.Partition ?? throw new InvalidOperationException("No partitionable path (PlatformFixture.Partition).")).CutAsync();

    /// <summary>The partitioned service knows it has lost the broker (Degraded, not dead); another service does not.</summary>
    public override async Task ObserveAsync(FaultContext context)
    {
        var clock = Stopwatch.StartNew();
        if (await context.Platform.AwaitHealthAsync(PlatformFixture.PartitionedService, "Degraded", NoticeLimit, context.Cancellation) is { } last)
            context.Expect(false, $"{PlatformFixture.PartitionedService} did not report the broker lost within {NoticeLimit.TotalSeconds:0} s of observing (last: {last}).");
        else
            context.Notes.Add($"{PlatformFixture.PartitionedService} reported itself Degraded {clock.Elapsed.TotalSeconds:0.0} s into the observation (its heartbeats unanswered)");
        using var intake = context.Platform.ServiceClient(ResourceNames.Intake);
        using var other = await intake.GetAsync("/health", context.Cancellation);
        var body = await other.Content.ReadAsStringAsync(context.Cancellation);
        context.Expect((int)other.StatusCode == 200 && body.StartsWith("Healthy", StringComparison.Ordinal),
            $"Intake said {(int)other.StatusCode} {body} while only {PlatformFixture.PartitionedService}'s path was cut; expected Healthy.");
    }

    public override Task LiftAsync(FaultContext context) => context.Platform.Partition!.HealAsync();
}
