namespace Platform.EndToEnd.Tests.Faults.Injected;

/// <summary>
/// A service dies with SIGKILL: no shutdown, requests cut off mid-way, transactions and publishes
/// interrupted. It is started again after a moment, as an orchestrator would. Requests that were cut
/// off are retried by the integrator with the same Idempotency-Key; outbox rows committed before
/// the crash go out after it; unacknowledged deliveries come back to the restarted consumer.
/// </summary>
public sealed class ServiceCrash(string service) : Fault
{
    public override string Name => $"{service} killed (SIGKILL), restarted";

    /// <summary>The time an orchestrator takes to notice and restart it.</summary>
    public override TimeSpan Hold(Profile profile) => TimeSpan.FromSeconds(2);

    public override Task InjectAsync(FaultContext context) => context.Platform.Resources.KillAsync(service, context.Cancellation);

    public override Task LiftAsync(FaultContext context) => context.Platform.Resources.StartAsync(service, context.Cancellation);
}
