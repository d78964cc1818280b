using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Platform.Contracts.Directory;
using Platform.Messaging;

namespace Platform.DirectoryReplica;

/// <summary>
/// A service's first start: its queue did not exist when the Directory last published, so it
/// asks for a snapshot once its queues are bound, and asks again every little while until one
/// has arrived. Later changes reach the queue like any other event.
/// </summary>
internal sealed partial class DirectoryCatchUp<TDbContext>(
    IServiceScopeFactory scopes, BusReadinessHealthCheck bus, IHostEnvironment environment, ILogger<DirectoryCatchUp<TDbContext>> logger)
    : BackgroundService where TDbContext : DbContext
{
    public static readonly TimeSpan AskEvery = TimeSpan.FromSeconds(15);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (bus.IsHealthyNow())
                {
                    await using var scope = scopes.CreateAsyncScope();
                    if (await ReplicaVersion.OfAsync(scope.ServiceProvider.GetRequiredService<TDbContext>(), stoppingToken) > 0) return;
                    await scope.ServiceProvider.GetRequiredService<IPublishEndpoint>()
                        .Publish(new DirectorySnapshotRequested(environment.ApplicationName, DateTimeOffset.UtcNow), stoppingToken);
                    LogAsked(logger);
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, ex);
            }
            await Task.Delay(AskEvery, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "No copy of the region's directory yet; asked the Directory for one.")]
    private static partial void LogAsked(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not ask for the region's directory; trying again shortly.")]
    private static partial void LogFailed(ILogger logger, Exception ex);
}

internal static class ReplicaVersion
{
    public static Task<long> OfAsync(DbContext db, CancellationToken ct) =>
        db.Set<ReplicaState>().AsNoTracking().Where(s => s.Id == ReplicaState.SingletonId).Select(s => s.Version).SingleAsync(ct);
}

/// <summary>
/// Not ready until the first copy of the directory has arrived: without it every organisation and
/// location would be refused as unknown. Once it has, the copy is good even while the Directory is away.
/// </summary>
internal sealed class DirectoryReplicaHealthCheck<TDbContext>(IServiceScopeFactory scopes) : IHealthCheck where TDbContext : DbContext
{
    private volatile bool _received;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (_received) return HealthCheckResult.Healthy();
        await using var scope = scopes.CreateAsyncScope();
        _received = await ReplicaVersion.OfAsync(scope.ServiceProvider.GetRequiredService<TDbContext>(), cancellationToken) > 0;
        return _received ? HealthCheckResult.Healthy() : new HealthCheckResult(context.Registration?.FailureStatus ?? HealthStatus.Unhealthy, "No copy of the region's directory has arrived yet.");
    }
}
