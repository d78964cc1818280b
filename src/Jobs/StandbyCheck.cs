using System.Data.Common;
using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Platform.Jobs;

/// <summary>
/// Counts, every 15 s, the standbys streaming from the database server the service writes to, against how many it
/// should have (<c>platform.database.standbys</c> and <c>platform.database.standbys.expected</c>; alert
/// <c>DatabaseStandbyMissing</c>). After a failover the promoted standby runs alone: nothing is lost yet, and the
/// service carries on, but the next lost server loses data (the platform commits synchronously to one standby,
/// deploy/base/platform/postgres.yaml) until a new standby is built. That is a person's job, or the operator's to
/// watch, and a failover itself is over in seconds: this is the signal that stays.
/// How many it should have: <c>Database:Standbys</c>, else one fewer than the hosts the connection string names (the
/// local failover arrangement names the primary and its standby; in a cluster the connection string names one service
/// address and the overlay sets the number).
/// </summary>
public sealed class StandbyCheck<TDb>(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider clock, ILogger<StandbyCheck<TDb>> logger)
    : PeriodicWork(clock, logger) where TDb : DbContext
{
    protected override bool Enabled => true;
    protected override TimeSpan Interval => TimeSpan.FromSeconds(15);

    public override async Task<int> RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDb>();
        var expected = configuration.GetValue<int?>("Database:Standbys") ?? HostsNamedIn(db.Database.GetConnectionString()) - 1;
        // Every role sees a row per WAL sender (only its details, state included, are kept from roles without
        // pg_read_all_stats): so a base backup being taken, or a standby still catching up, counts too. The alert waits a
        // minute, longer than either lasts here; granting pg_monitor to the service roles would let this count only
        // 'streaming' ones.
        var streaming = await db.Database.SqlQueryRaw<long>("SELECT count(*) AS \"Value\" FROM pg_stat_replication").SingleAsync(ct);
        StandbyMetrics.Measured(typeof(TDb).Name, (int)streaming, expected);
        return 0;
    }

    /// <summary>How many servers a connection string names: Npgsql's <c>Host</c> takes a comma-separated list.</summary>
    public static int HostsNamedIn(string? connectionString)
    {
        if (string.IsNullOrEmpty(connectionString)) return 1;
        var builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
        return builder.TryGetValue("Host", out var host) && host is string hosts
            ? Math.Max(1, hosts.Split(',', StringSplitOptions.RemoveEmptyEntries).Length)
            : 1;
    }
}

/// <summary>The last count each <see cref="StandbyCheck{TDb}"/> made, read when the exporter collects.</summary>
public static class StandbyMetrics
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, (int Streaming, int Expected)> Counts = new();

    static StandbyMetrics()
    {
        JobMetrics.Meter.CreateObservableGauge("platform.database.standbys", () => Counts.Select(c => new Measurement<int>(c.Value.Streaming,
                new KeyValuePair<string, object?>("database", c.Key))),
            description: "Standbys streaming from the database server the service writes to, at the last check.");
        JobMetrics.Meter.CreateObservableGauge("platform.database.standbys.expected", () => Counts.Select(c => new Measurement<int>(c.Value.Expected,
                new KeyValuePair<string, object?>("database", c.Key))),
            description: "Standbys the service's database server should have (Database:Standbys, else the hosts its connection string names, less one).");
    }

    public static void Measured(string database, int streaming, int expected) => Counts[database] = (streaming, expected);

    /// <summary>The last count against <paramref name="database"/>'s server, for tests and tools.</summary>
    public static (int Streaming, int Expected)? Last(string database) => Counts.TryGetValue(database, out var count) ? count : null;
}
