using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Platform.Jobs;

/// <summary>
/// Compares the service's clock with its database server's, every 15 s (<c>platform.clock.skew</c>, seconds, the
/// service's ahead of the database's; alert <c>ClockSkewed</c>). Every statutory deadline is computed and every
/// durable timer is checked on the service's clock (<see cref="DeadlineSweep{TDb, TEntity}"/>): a clock that jumped
/// (a node's NTP step, a VM restored from a snapshot) makes them fire early or late. The sweeps stay correct through
/// a jump (a fired deadline is marked in the same transaction, and a due row stays due), but a person should know.
/// The round trip is halved on either side, so the figure is good to a few milliseconds; the alert's limit is 30 s.
/// </summary>
public sealed partial class ClockCheck<TDb>(IServiceScopeFactory scopes, TimeProvider clock, ILogger<ClockCheck<TDb>> logger)
    : PeriodicWork(clock, logger) where TDb : DbContext
{
    protected override bool Enabled => true;
    protected override TimeSpan Interval => TimeSpan.FromSeconds(15);

    public override async Task<int> RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDb>();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var sent = Clock.GetUtcNow();
            var roundTrip = Stopwatch.StartNew();
            var server = await db.Database.SqlQueryRaw<DateTimeOffset>("SELECT clock_timestamp() AS \"Value\"").SingleAsync(ct);
            var skew = sent + (roundTrip.Elapsed / 2) - server;
            ClockMetrics.Measured(typeof(TDb).Name, skew);
            if (skew.Duration() > ClockMetrics.Noteworthy) LogSkewed(Logger, skew.TotalSeconds);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        return 0;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "This service's clock is {Seconds:0.0} s ahead of its database server's (negative: behind).")]
    private static partial void LogSkewed(ILogger logger, double seconds);
}

/// <summary>The last skew each <see cref="ClockCheck{TDb}"/> measured, read when the exporter collects.</summary>
public static class ClockMetrics
{
    /// <summary>A skew worth a warning in the log (the alert waits for it to last a minute).</summary>
    public static readonly TimeSpan Noteworthy = TimeSpan.FromSeconds(30);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, double> Skews = new();

    static ClockMetrics() =>
        JobMetrics.Meter.CreateObservableGauge("platform.clock.skew", () => Skews.Select(s => new Measurement<double>(s.Value,
                new KeyValuePair<string, object?>("database", s.Key))),
            "s", "How far the service's clock is ahead of its database server's (negative: behind), at the last check.");

    public static void Measured(string database, TimeSpan skew) => Skews[database] = skew.TotalSeconds;

    /// <summary>The last skew measured against <paramref name="database"/>'s server, for tests and tools.</summary>
    public static double? Last(string database) => Skews.TryGetValue(database, out var seconds) ? seconds : null;
}
