using MassTransit;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Platform.Messaging;

/// <summary>
/// The bus's part in <c>/health</c>. Until the bus has been ready once (every queue declared and
/// bound), it is Unhealthy: the AppHost's <c>WaitFor</c> and Kubernetes' readiness probe hold traffic
/// back, so no event reaches a fresh broker before the queues that should receive it exist.
/// After that, a broker outage is Degraded, not Unhealthy: the service keeps taking writes (the
/// outbox holds their events until the broker is back), so it must stay in rotation.
/// </summary>
/// <remarks>Degraded answers 200 with the body "Degraded"; only Unhealthy answers 503.</remarks>
public sealed class BusReadinessHealthCheck(IBusControl bus) : IHealthCheck
{
    private volatile bool _readyOnce;

    /// <summary>Looks at the bus now; the first healthy look is remembered.</summary>
    public bool IsHealthyNow()
    {
        var healthy = bus.CheckHealth().Status == BusHealthStatus.Healthy;
        if (healthy) _readyOnce = true;
        return healthy;
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (IsHealthyNow()) return Task.FromResult(HealthCheckResult.Healthy());
        return Task.FromResult(_readyOnce
            ? HealthCheckResult.Degraded("The message broker is unreachable; events wait in the outbox.")
            : new HealthCheckResult(context.Registration?.FailureStatus ?? HealthStatus.Unhealthy, "The bus has not been ready yet: its queues may not be bound."));
    }
}

/// <summary>
/// Notices the bus's first ready moment even when nobody probes <c>/health</c> (a service run by hand,
/// a test), so a later outage is reported as degraded rather than as "never ready".
/// </summary>
internal sealed class BusReadinessWatcher(BusReadinessHealthCheck check) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested && !check.IsHealthyNow())
            await Task.Delay(TimeSpan.FromMilliseconds(250), stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }
}
