using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Audit.Domain;
using Platform.Audit.Infrastructure;
using Platform.Contracts.Audit;
using Platform.Jobs;

namespace Platform.Audit.Jobs;

/// <summary>
/// The log's own retention. The service's database role may not delete lines at all: it calls
/// <c>audit.erase_expired(years)</c>, a SECURITY DEFINER function of the owner that refuses a term
/// below the owner's minimum and measures age on the database's own clock against the time each line
/// was recorded (set by the database, not the service). Each run is itself a keyed line naming the
/// first line kept, which is how verification tells retention from someone removing the oldest lines.
/// </summary>
public sealed partial class AuditRetention(IServiceScopeFactory scopes, TimeProvider clock, IOptions<AuditOptions> options, ChainKeys keys, ILogger<AuditRetention> logger)
    : PeriodicWork(clock, logger)
{
    /// <summary>What a retention-run line is: its record id is the first line kept (null when none was left).</summary>
    public const string RunRecordType = "retention-run";

    protected override bool Enabled => options.Value.RetentionEnabled;
    protected override TimeSpan Interval => options.Value.RetentionInterval;

    public override async Task<int> RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AuditDbContext>();
        var now = Clock.GetUtcNow();
        var (removed, cutoff) = await db.InTransactionAsync(async token =>
        {
            var result = await db.Database.SqlQuery<ErasedLines>($"SELECT removed, first_kept, cutoff FROM audit.erase_expired({options.Value.RetentionYears})")
                .SingleAsync(token);
            await AuditLog.AppendAsync(db, keys, new AuditRecorded(Guid.CreateVersion7(now), "audit", "erase", RunRecordType,
                result.FirstKept?.ToString(CultureInfo.InvariantCulture), null, "platform", null, null, null, "retention",
                $"{result.Removed} lines recorded before {result.Cutoff:yyyy-MM-dd} removed", "success", null, null, now), now, token);
            return ((int)result.Removed, result.Cutoff);
        }, ct);
        LogRun(Logger, removed, cutoff);
        return removed;
    }

    private sealed record ErasedLines(long Removed, long? FirstKept, DateTimeOffset Cutoff);

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit retention removed {Count} lines recorded before {Cutoff}.")]
    private static partial void LogRun(ILogger logger, int count, DateTimeOffset cutoff);
}
