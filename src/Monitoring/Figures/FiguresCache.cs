using System.Collections.Concurrent;
using System.Data;
using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Platform.DirectoryReplica;
using Platform.Monitoring.Domain;
using Platform.Monitoring.Infrastructure;

namespace Platform.Monitoring.Figures;

/// <summary>
/// The figures of ended periods, kept until the read model changes under them (ADR-0020). Computing a period's figures reads
/// the whole read model (O(events)); answering from here costs one small query (O(changes since)) and the response (O(cells)).
/// An entry remembers the PostgreSQL snapshot it was computed in; it holds as long as no change its snapshot did not see
/// (<see cref="FigureChange"/>, by transaction id) reaches back to a day on or before the period's last day, the directory
/// copy is the same version, and it was confirmed within <see cref="MaxAge"/>. Exactly the figures a computation now would
/// give: the read model records every change with the earliest day it can move, in the change's own transaction.
/// One per process; every replica keeps its own, all reading the same changes.
/// </summary>
public sealed class FiguresCache
{
    /// <summary>An entry unconfirmed for this long is computed again; changes are kept longer (<see cref="FigureChangesCleanup"/>).</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromHours(1);
    /// <summary>Months of three years and their school years, with room: the page asks for 13 periods at once.</summary>
    private const int Capacity = 64;

    private sealed record Entry(string Snapshot, long DirectoryVersion, DateTimeOffset ConfirmedAt, RegionMap Map, PeriodFigures Figures)
    {
        public long LastUsed;
    }

    private readonly ConcurrentDictionary<string, Entry> _entries = new();
    private long _uses, _answered, _computed;

    private static readonly Meter Meter = new("Platform.Monitoring");
    private static readonly Counter<long> Answers = Meter.CreateCounter<long>("platform.monitoring.figures.answers", "{answer}",
        "Figures asked for, by where they came from: the cache, or computed from the read model (O(events)).");

    /// <summary>How many answers came from the cache, and how many were computed (tests and the benchmark read them).</summary>
    public (long FromCache, long Computed) Counts => (Interlocked.Read(ref _answered), Interlocked.Read(ref _computed));

    internal void Answered(bool fromCache)
    {
        Interlocked.Increment(ref fromCache ? ref _answered : ref _computed);
        Answers.Add(1, new KeyValuePair<string, object?>("from", fromCache ? "cache" : "computed"));
    }

    /// <summary>One computation at a time per process: twenty requests for a period just changed compute it once.</summary>
    internal SemaphoreSlim Computing { get; } = new(1, 1);

    /// <summary>The periods' figures when every one of them still holds; else null, and the entries that no longer hold are gone.</summary>
    internal async Task<(RegionMap Map, IReadOnlyList<PeriodFigures> Figures)?> TryGetAsync(MonitoringDbContext db, IReadOnlyList<Period> periods, CancellationToken ct)
    {
        var found = new List<Entry>();
        foreach (var period in periods)
        {
            if (!_entries.TryGetValue(period.Id, out var entry)) return null;
            found.Add(entry);
        }
        var allHold = true;
        foreach (var group in found.GroupBy(e => e.Snapshot).ToList())
        {
            var now = await ChangesSinceAsync(db, group.Key, ct);
            foreach (var entry in group)
            {
                var holds = now.DirectoryVersion == entry.DirectoryVersion && entry.ConfirmedAt > now.At - MaxAge
                    && (now.ChangedFrom is not { } from || from > entry.Figures.Period.To);
                // Still the figures of now: remember the newer snapshot, so the next check reads only what came after it.
                if (holds) _entries.TryUpdate(entry.Figures.Period.Id, entry with { Snapshot = now.Snapshot, ConfirmedAt = now.At }, entry);
                else _entries.TryRemove(new KeyValuePair<string, Entry>(entry.Figures.Period.Id, entry));
                allHold &= holds;
            }
        }
        if (!allHold) return null;
        var figures = periods.Select(p => _entries.TryGetValue(p.Id, out var e) ? e : null).ToList();
        if (figures.Any(e => e is null)) return null;
        foreach (var e in figures) Interlocked.Exchange(ref e!.LastUsed, Interlocked.Increment(ref _uses));
        return (figures[^1]!.Map, [.. figures.Select(e => e!.Figures)]);
    }

    /// <summary>Keeps figures computed in one snapshot (<see cref="ComputeAsync"/>).</summary>
    internal void Keep(Computed computed)
    {
        foreach (var figures in computed.Figures)
            _entries[figures.Period.Id] = new Entry(computed.Snapshot, computed.DirectoryVersion, computed.At, computed.Map, figures)
                { LastUsed = Interlocked.Increment(ref _uses) };
        foreach (var (id, _) in _entries.OrderBy(e => e.Value.LastUsed).Take(Math.Max(0, _entries.Count - Capacity)).ToList())
            _entries.TryRemove(id, out _);
    }

    internal sealed record Computed(string Snapshot, long DirectoryVersion, DateTimeOffset At, RegionMap Map, IReadOnlyList<PeriodFigures> Figures);

    private sealed record Now(string Snapshot, DateTimeOffset At, long DirectoryVersion, DateOnly? ChangedFrom);

    /// <summary>
    /// In one statement (one snapshot): the earliest day the changes <paramref name="snapshot"/> did not see reach back to, the
    /// directory copy's version, and this statement's own snapshot, which has now seen them. Only transactions from the old
    /// snapshot's oldest running one on are looked at (the index on <c>xid</c>).
    /// </summary>
    private static async Task<Now> ChangesSinceAsync(MonitoringDbContext db, string snapshot, CancellationToken ct)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = new NpgsqlCommand($"""
                SELECT pg_current_snapshot()::text, clock_timestamp(),
                       (SELECT version FROM {DirectoryReplicaModel.Schema}.replica_state WHERE id = {ReplicaState.SingletonId}),
                       (SELECT min(changed_from) FROM monitoring.figure_changes
                        WHERE xid >= pg_snapshot_xmin($1::pg_snapshot) AND NOT pg_visible_in_snapshot(xid, $1::pg_snapshot))
                """, connection) { Parameters = { new() { Value = snapshot } } };
            await using var reader = await command.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            return new Now(reader.GetString(0), reader.GetFieldValue<DateTimeOffset>(1), reader.IsDBNull(2) ? 0 : reader.GetInt64(2),
                reader.IsDBNull(3) ? null : reader.GetFieldValue<DateOnly>(3));
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// Computes figures in one REPEATABLE READ transaction, so that the read model, the directory copy and the snapshot
    /// remembered are the same moment.
    /// </summary>
    internal static Task<Computed> ComputeAsync(MonitoringDbContext db, Func<RegionMap, Task<IReadOnlyList<PeriodFigures>>> compute, CancellationToken ct) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(async token =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, token);
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            string snapshot;
            DateTimeOffset at;
            long version;
            await using (var command = new NpgsqlCommand($"""
                SELECT pg_current_snapshot()::text, clock_timestamp(),
                       (SELECT version FROM {DirectoryReplicaModel.Schema}.replica_state WHERE id = {ReplicaState.SingletonId})
                """, connection, (NpgsqlTransaction)transaction.GetDbTransaction()))
            {
                await using var reader = await command.ExecuteReaderAsync(token);
                await reader.ReadAsync(token);
                (snapshot, at, version) = (reader.GetString(0), reader.GetFieldValue<DateTimeOffset>(1), reader.IsDBNull(2) ? 0 : reader.GetInt64(2));
            }
            var map = await RegionMap.LoadAsync(db, token);
            var figures = await compute(map);
            await transaction.CommitAsync(token);
            return new Computed(snapshot, version, at, map, figures);
        }, ct);
}
