using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Platform.Jobs;
using Platform.Monitoring.Figures;
using Platform.Monitoring.Infrastructure;

namespace Platform.Monitoring.Projection;

public sealed record RebuildResult(long EventsReplayed, int Subjects, int Facts, TimeSpan Took);

/// <summary>How far a rebuild is: entries replayed of the journal's, and the time it has taken so far.</summary>
public sealed record RebuildProgress(long Replayed, long Total, TimeSpan Elapsed)
{
    /// <summary>The time left at the rate so far (null before the first entries).</summary>
    public TimeSpan? Left => Replayed == 0 ? null : Elapsed * ((double)(Total - Replayed) / Replayed);

    public override string ToString() =>
        $"{Replayed:N0} of {Total:N0} journal entries replayed ({Replayed / Math.Max(Elapsed.TotalSeconds, 0.001):N0}/s)"
        + (Left is { } left ? left.TotalMinutes >= 2 ? $", about {left.TotalMinutes:0} min left" : $", about {left.TotalSeconds:0} s left" : "");
}

/// <summary>
/// Throws the read model away and builds it again from the journal, in arrival order, through the
/// same projector the consumers use (into memory, then one COPY per table: <see cref="InMemoryReadModel"/>): after a fix to an indicator, or to check the figures. One
/// transaction: while it runs, consumers wait (the journal is locked against new entries), and
/// readers keep seeing the old figures until it commits. Baselines are snapshots, not read model:
/// they stay.
/// </summary>
public sealed partial class ReadModelRebuild(MonitoringDbContext db, ILogger<ReadModelRebuild> logger)
{
    private const int Batch = 1000;

    /// <summary>Progress is reported every <see cref="ProgressEvery"/> entries (and logged): a region's journal takes minutes.</summary>
    public const int ProgressEvery = 50_000;

    public async Task<RebuildResult> RunAsync(CancellationToken ct, IProgress<RebuildProgress>? progress = null)
    {
        var clock = Stopwatch.StartNew();
        var replayed = await db.InTransactionAsync(async token =>
        {
            await db.Database.ExecuteSqlRawAsync("LOCK TABLE monitoring.journal IN SHARE MODE", token);
            await db.Database.ExecuteSqlRawAsync("DELETE FROM monitoring.facts", token);
            await db.Database.ExecuteSqlRawAsync("DELETE FROM monitoring.subjects", token);
            var total = await db.Journal.LongCountAsync(token);
            var model = new InMemoryReadModel();
            var projector = new Projector(model);
            long count = 0, after = 0;
            while (true)
            {
                var page = await db.Journal.AsNoTracking().Where(j => j.Sequence > after).OrderBy(j => j.Sequence).Take(Batch).ToListAsync(token);
                if (page.Count == 0) break;
                foreach (var entry in page)
                {
                    if (Journal.Read(entry) is { } message) await projector.ApplyAsync(message, token);
                    if (++count % ProgressEvery == 0)
                    {
                        var now = new RebuildProgress(count, total, clock.Elapsed);
                        LogProgress(logger, now.ToString());
                        progress?.Report(now);
                    }
                }
                after = page[^1].Sequence;
            }
            await model.CopyIntoAsync(db, token);
            await FigureChanges.RecordAsync(db, FigureChanges.Everything, token);
            return count;
        }, ct);
        var result = new RebuildResult(replayed, await db.Subjects.CountAsync(ct), await db.Facts.CountAsync(ct), clock.Elapsed);
        LogRebuilt(logger, result.EventsReplayed, result.Subjects, result.Facts, result.Took.TotalMilliseconds);
        return result;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Rebuilding the read model: {Progress}.")]
    private static partial void LogProgress(ILogger logger, string progress);

    [LoggerMessage(Level = LogLevel.Information, Message = "Read model rebuilt from {Events} journal entries: {Subjects} subjects, {Facts} facts, in {Ms} ms.")]
    private static partial void LogRebuilt(ILogger logger, long events, int subjects, int facts, double ms);
}
