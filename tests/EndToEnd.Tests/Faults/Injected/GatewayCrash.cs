using Platform.ServiceDefaults;

namespace Platform.EndToEnd.Tests.Faults.Injected;

/// <summary>
/// The gateway dies under load (SIGKILL): requests in flight are cut off, whether or not the service
/// behind it already did the work. The integrator's client retries with the same Idempotency-Key once
/// the gateway is back (an orchestrator restarts it), and the reconciliation proves that nothing was
/// done twice and nothing accepted was lost.
/// </summary>
public sealed class GatewayCrash : Fault
{
    public override string Name => "gateway killed (SIGKILL), restarted";

    /// <summary>The time an orchestrator takes to notice and restart it.</summary>
    public override TimeSpan Hold(Profile profile) => TimeSpan.FromSeconds(2);

    public override Task InjectAsync(FaultContext context) => context.Platform.Resources.KillAsync(ResourceNames.Gateway, context.Cancellation);

    public override Task LiftAsync(FaultContext context) => context.Platform.Resources.StartAsync(ResourceNames.Gateway, context.Cancellation);
}
