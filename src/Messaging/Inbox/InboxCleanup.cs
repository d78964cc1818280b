using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Platform.Messaging.Inbox;

public sealed class InboxOptions
{
    /// <summary>
    /// How long a handled message id is remembered. Redeliveries come within minutes; a replay
    /// from the error queue by an operator may come days later, so keep it generous.
    /// </summary>
    public TimeSpan DeduplicationWindow { get; set; } = TimeSpan.FromDays(30);
    public TimeSpan CleanupInterval { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>Deletes inbox rows older than the deduplication window, so the table stays small.</summary>
public sealed partial class InboxCleanup<TDbContext>(
    IServiceScopeFactory scopes, IOptions<InboxOptions> options, TimeProvider clock, ILogger<InboxCleanup<TDbContext>> logger)
    : PeriodicWork(clock, logger) where TDbContext : DbContext
{
    protected override bool Enabled => true;
    protected override TimeSpan Interval => options.Value.CleanupInterval;

    public override async Task<int> RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        var cutoff = Clock.GetUtcNow() - options.Value.DeduplicationWindow;
        var deleted = await db.Set<InboxMessage>().Where(m => m.ReceivedAt < cutoff).ExecuteDeleteAsync(ct);
        if (deleted > 0) LogCleaned(Logger, deleted);
        return deleted;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Inbox cleanup removed {Count} rows.")]
    private static partial void LogCleaned(ILogger logger, int count);
}
