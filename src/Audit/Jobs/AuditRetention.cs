using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Audit.Infrastructure;
using Platform.Contracts.Audit;
using Platform.Jobs;

namespace Platform.Audit.Jobs;

/// <summary>
/// The log's own retention: lines older than the term are removed, the only deletion the table
/// allows (the trigger lets it through only with the retention setting on, in this transaction).
/// Each run is itself a line in the log.
/// </summary>
public sealed partial class AuditRetention(IServiceScopeFactory scopes, TimeProvider clock, IOptions<AuditOptions> options, ILogger<AuditRetention> logger)
    : PeriodicWork(clock, logger)
{
    protected override bool Enabled => options.Value.RetentionEnabled;
    protected override TimeSpan Interval => options.Value.RetentionInterval;

    public override async Task<int> RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AuditDbContext>();
        var now = Clock.GetUtcNow();
        var cutoff = now.AddYears(-options.Value.RetentionYears);
        var removed = await db.InTransactionAsync(async token =>
        {
            await db.Database.ExecuteSqlRawAsync("SET LOCAL audit.retention = 'on'", token);
            var count = await db.Entries.Where(e => e.OccurredAt < cutoff).ExecuteDeleteAsync(token);
            await db.Database.ExecuteSqlRawAsync("SET LOCAL audit.retention = 'off'", token);
            await AuditLog.AppendAsync(db, new AuditRecorded(Guid.CreateVersion7(now), "audit", "erase", "retention-run", count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                null, "platform", null, null, null, "retention", $"lines before {cutoff:yyyy-MM-dd} removed", "success", null, null, now), now, token);
            return count;
        }, ct);
        LogRun(Logger, removed, cutoff);
        return removed;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit retention removed {Count} lines older than {Cutoff}.")]
    private static partial void LogRun(ILogger logger, int count, DateTimeOffset cutoff);
}
