using Microsoft.EntityFrameworkCore;
using Platform.Jobs;
using Platform.Monitoring.Infrastructure;

namespace Platform.Monitoring.Figures;

/// <summary>
/// Forgets figure changes older than twice <see cref="FiguresCache.MaxAge"/>, by the database's clock (the one that stamped them):
/// no cached figure is older than that, so none can need them.
/// </summary>
public sealed partial class FigureChangesCleanup(IServiceScopeFactory scopes, TimeProvider clock, ILogger<FigureChangesCleanup> logger)
    : PeriodicWork(clock, logger)
{
    protected override bool Enabled => true;
    protected override TimeSpan Interval => TimeSpan.FromMinutes(10);

    public override async Task<int> RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MonitoringDbContext>();
        var keep = FiguresCache.MaxAge * 2;
        var deleted = await db.Database.ExecuteSqlAsync(
            $"DELETE FROM monitoring.figure_changes WHERE recorded_at < clock_timestamp() - {keep}", ct);
        if (deleted > 0) LogCleaned(Logger, deleted);
        return deleted;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Forgot {Count} figure changes older than any cached figure.")]
    private static partial void LogCleaned(ILogger logger, int count);
}
