using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Platform.Jobs;

/// <summary>
/// Which rows of <typeparamref name="TRow"/> a <see cref="TableCleanup{TDb, TRow}"/> forgets: those
/// older than <see cref="Keep"/> by <see cref="OlderThan"/>, looked for every <see cref="Interval"/>.
/// </summary>
public sealed record CleanupRule<TRow>(string Table, Func<DateTimeOffset, Expression<Func<TRow, bool>>> OlderThan, TimeSpan Keep, TimeSpan Interval);

/// <summary>Deletes rows past their keeping time, so a bookkeeping table (inbox, stored answers) stays small.</summary>
public sealed partial class TableCleanup<TDb, TRow>(
    IServiceScopeFactory scopes, CleanupRule<TRow> rule, TimeProvider clock, ILogger<TableCleanup<TDb, TRow>> logger)
    : PeriodicWork(clock, logger) where TDb : DbContext where TRow : class
{
    protected override bool Enabled => true;
    protected override TimeSpan Interval => rule.Interval;

    public override async Task<int> RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDb>();
        var deleted = await db.Set<TRow>().Where(rule.OlderThan(Clock.GetUtcNow() - rule.Keep)).ExecuteDeleteAsync(ct);
        if (deleted > 0) LogCleaned(Logger, rule.Table, deleted);
        return deleted;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Cleanup of {Table} removed {Count} rows.")]
    private static partial void LogCleaned(ILogger logger, string table, int count);
}

public static class TableCleanupRegistration
{
    /// <summary>
    /// Cleans <typeparamref name="TRow"/> in <typeparamref name="TDb"/> by the rule <paramref name="rule"/>
    /// makes from the options <typeparamref name="TOptions"/> (where each table's settings already live).
    /// </summary>
    public static IServiceCollection AddTableCleanup<TDb, TRow, TOptions>(this IServiceCollection services, Func<TOptions, CleanupRule<TRow>> rule)
        where TDb : DbContext where TRow : class where TOptions : class
    {
        services.AddSingleton(sp => rule(sp.GetRequiredService<IOptions<TOptions>>().Value));
        return services.AddJob<TableCleanup<TDb, TRow>>();
    }
}
