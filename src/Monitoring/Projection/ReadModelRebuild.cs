using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Platform.Jobs;
using Platform.Monitoring.Figures;
using Platform.Monitoring.Infrastructure;

namespace Platform.Monitoring.Projection;

public sealed record RebuildResult(long EventsReplayed, int Subjects, int Facts, TimeSpan Took);

/// <summary>
/// Throws the read model away and builds it again from the journal, in arrival order, through the
/// same projector the consumers use: after a fix to an indicator, or to check the figures. One
/// transaction: while it runs, consumers wait (the journal is locked against new entries), and
/// readers keep seeing the old figures until it commits. Baselines are snapshots, not read model:
/// they stay.
/// </summary>
public sealed partial class ReadModelRebuild(MonitoringDbContext db, ILogger<ReadModelRebuild> logger)
{
    private const int Batch = 1000;

    public async Task<RebuildResult> RunAsync(CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var replayed = await db.InTransactionAsync(async token =>
        {
            await db.Database.ExecuteSqlRawAsync("LOCK TABLE monitoring.journal IN SHARE MODE", token);
            await db.Database.ExecuteSqlRawAsync("DELETE FROM monitoring.facts", token);
            await db.Database.ExecuteSqlRawAsync("DELETE FROM monitoring.subjects", token);
            var projector = new Projector(db);
            long count = 0, after = 0;
            while (true)
            {
                var page = await db.Journal.AsNoTracking().Where(j => j.Sequence > after).OrderBy(j => j.Sequence).Take(Batch).ToListAsync(token);
                if (page.Count == 0) break;
                foreach (var entry in page)
                {
                    if (Journal.Read(entry) is { } message) await projector.ApplyAsync(message, token);
                    count++;
                }
                after = page[^1].Sequence;
            }
            await FigureChanges.RecordAsync(db, FigureChanges.Everything, token);
            return count;
        }, ct);
        var result = new RebuildResult(replayed, await db.Subjects.CountAsync(ct), await db.Facts.CountAsync(ct), clock.Elapsed);
        LogRebuilt(logger, result.EventsReplayed, result.Subjects, result.Facts, result.Took.TotalMilliseconds);
        return result;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Read model rebuilt from {Events} journal entries: {Subjects} subjects, {Facts} facts, in {Ms} ms.")]
    private static partial void LogRebuilt(ILogger logger, long events, int subjects, int facts, double ms);
}
