using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Messaging;

namespace Platform.Http.Idempotency;

/// <summary>Forgets stored answers after the retention: they may hold the data the POST returned.</summary>
public sealed partial class IdempotencyCleanup<TDbContext>(
    IServiceScopeFactory scopes, IOptions<IdempotencyOptions> options, TimeProvider clock, ILogger<IdempotencyCleanup<TDbContext>> logger)
    : PeriodicWork(clock, logger) where TDbContext : DbContext
{
    protected override bool Enabled => true;
    protected override TimeSpan Interval => options.Value.CleanupInterval;

    public override async Task<int> RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        var cutoff = Clock.GetUtcNow() - options.Value.Retention;
        var deleted = await db.Set<IdempotentRequest>().Where(r => r.CreatedAt < cutoff).ExecuteDeleteAsync(ct);
        if (deleted > 0) LogCleaned(Logger, deleted);
        return deleted;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Idempotency cleanup removed {Count} stored answers.")]
    private static partial void LogCleaned(ILogger logger, int count);
}
