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

    /// <summary>A moment of the database as one statement saw it: its snapshot, clock and directory copy's version.</summary>
    internal sealed record Moment(string Snapshot, DateTimeOffset At, long DirectoryVersion);

    /// <summary>Figures and the moment they were last known to hold.</summary>
    private sealed record Entry(Moment Confirmed, RegionMap Map, PeriodFigures Figures)
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

    private void Answered(bool fromCache)
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
        foreach (var group in found.GroupBy(e => e.Confirmed.Snapshot).ToList())
        {
            var (now, changedFrom) = await MomentAsync(db, group.Key, ct);
            foreach (var entry in group)
            {
                var holds = now.DirectoryVersion == entry.Confirmed.DirectoryVersion && entry.Confirmed.At > now.At - MaxAge
                    && (changedFrom is not { } from || from > entry.Figures.Period.To);
                // Still the figures of now: remember the newer snapshot, so the next check reads only what came after it.
                if (holds) _entries.TryUpdate(entry.Figures.Period.Id, entry with { Confirmed = now }, entry);
                else _entries.TryRemove(new KeyValuePair<string, Entry>(entry.Figures.Period.Id, entry));
                allHold &= holds;
            }
        }
        if (!allHold) return null;
        var figures = periods.Select(p => _entries.TryGetValue(p.Id, out var e) ? e : null).ToList();
        if (figures.Any(e => e is null)) return null;
        foreach (var e in figures) Interlocked.Exchange(ref e!.LastUsed, Interlocked.Increment(ref _uses));
        Answered(fromCache: true);
        return (figures[^1]!.Map, [.. figures.Select(e => e!.Figures)]);
    }

    /// <summary>Keeps figures computed in one snapshot (<see cref="ComputeAsync"/>).</summary>
    internal void Keep(Computed computed)
    {
        foreach (var figures in computed.Figures)
            _entries[figures.Period.Id] = new Entry(computed.At, computed.Map, figures) { LastUsed = Interlocked.Increment(ref _uses) };
        foreach (var (id, _) in _entries.OrderBy(e => e.Value.LastUsed).Take(Math.Max(0, _entries.Count - Capacity)).ToList())
            _entries.TryRemove(id, out _);
        Answered(fromCache: false);
    }

    internal sealed record Computed(Moment At, RegionMap Map, IReadOnlyList<PeriodFigures> Figures);

    /// <summary>
    /// In one statement (one snapshot): the moment, and with <paramref name="since"/> the earliest day the changes that snapshot
    /// did not see reach back to (only transactions from its oldest running one on are looked at: the index on <c>xid</c>).
    /// </summary>
    private static async Task<(Moment Now, DateOnly? ChangedFrom)> MomentAsync(MonitoringDbContext db, string? since, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = new NpgsqlCommand($"""
                SELECT pg_current_snapshot()::text, clock_timestamp(),
                       (SELECT version FROM {DirectoryReplicaModel.Schema}.replica_state WHERE id = {ReplicaState.SingletonId}),
                       (SELECT min(changed_from) FROM monitoring.figure_changes
                        WHERE xid >= pg_snapshot_xmin($1::pg_snapshot) AND NOT pg_visible_in_snapshot(xid, $1::pg_snapshot))
                """, (NpgsqlConnection)db.Database.GetDbConnection(), (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction())
            {
                Parameters = { new() { Value = (object?)since ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text } },
            };
            await using var reader = await command.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            return (new Moment(reader.GetString(0), reader.GetFieldValue<DateTimeOffset>(1), reader.IsDBNull(2) ? 0 : reader.GetInt64(2)),
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
            var (at, _) = await MomentAsync(db, since: null, token);
            var map = await RegionMap.LoadAsync(db, token);
            var figures = await compute(map);
            await transaction.CommitAsync(token);
            return new Computed(at, map, figures);
        }, ct);
}
