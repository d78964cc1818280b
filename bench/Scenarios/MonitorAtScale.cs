using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using NpgsqlTypes;
using Platform.Bench.LoadDriver;
using Platform.Bench.Report;
using Platform.Monitoring.Infrastructure;
using Platform.Monitoring.Projection;

namespace Platform.Bench.Scenarios;

/// <summary>
/// Step 8: the monitor with a region's journal. Two years of made-up events (<see cref="RegionJournal"/>, a million in the
/// full profile) are copied into Monitoring's journal, the read model is rebuilt from it by the service's own rebuild
/// (<see cref="ReadModelRebuild"/>, run from here as <c>Monitoring.dll rebuild</c> would), and then the indicators (JSON)
/// and the monitor's page are read through the gateway at a fixed rate while referrals keep coming in: the answer time
/// with the figures cached (ADR-0018), and once, the first answer, which computes them.
/// </summary>
public static class MonitorAtScale
{
    public const double IndicatorsP99Ms = 50, PageP99Ms = 200;

    public static async Task RunAsync(StepContext context)
    {
        var (profile, report, ct, log) = (context.Profile, context.Report, context.Cancellation, context.Log);
        var count = profile.JournalEvents;
        log.WriteLine($"Step 8: the monitor with {Format.N(count)} journal events");

        var loaded = Stopwatch.StartNew();
        var rows = await LoadJournalAsync(context.Target.MonitoringDb, count, log, ct);
        var loadSeconds = loaded.Elapsed.TotalSeconds;
        report.Add(new ResultRow("8 monitor at scale", "journal bulk-loaded (COPY): events, time",
            $"{Format.N(rows)} events in {Format.N(loadSeconds, 1)} s"));

        var rebuilt = await RebuildAsync(context.Target.MonitoringDb, log, ct);
        report.Add(new ResultRow("8 monitor at scale", "read model rebuilt from the whole journal (one transaction)",
            $"{Format.N(rebuilt.EventsReplayed)} events in {Format.N(rebuilt.Took.TotalSeconds, 1)} s ({Format.N(rebuilt.EventsReplayed / rebuilt.Took.TotalSeconds)}/s): "
            + $"{Format.N(rebuilt.Subjects)} subjects, {Format.N(rebuilt.Facts)} facts"));

        var api = context.Api;
        const string indicators = "/api/monitoring/indicators", page = "/api/monitoring/dashboard";
        // The first answer after the rebuild computes the figures from the whole read model: O(events), once per change. Asked
        // of Monitoring directly, with a long timeout: the gateway gives up on an answer after 100 s.
        using var patient = api.Patient(api.Monitoring.BaseAddress!);
        using (var usage = context.Processes.Mark())
        {
            var cold = await TimedAsync(patient, indicators, ct);
            var coldPage = await TimedAsync(patient, page, ct);
            var (cpu, rss) = usage.Now();
            log.WriteLine($"  first answers after the rebuild: indicators {Format.Ms(cold)}, page {Format.Ms(coldPage)} (the page's 13 months computed)");
            report.Add(new ResultRow("8 monitor at scale", "first indicators GET after the rebuild, direct (the last month computed from the read model)", Format.Ms(cold)));
            report.Add(new ResultRow("8 monitor at scale", "first page GET after it, direct (12 more months computed)", Format.Ms(coldPage), "", "", null,
                cpu / 2, $"{Format.MiB(rss)} (peak {Format.MiB(usage.PeakRss)})"));
        }

        var json = await ReadWhileWritingAsync(context, "indicators GET", indicators);
        var html = await ReadWhileWritingAsync(context, "page GET", page);
        Row(report, $"indicators GET via gateway at {Format.N(profile.MonitorRate)}/s, referrals coming in", json, IndicatorsP99Ms);
        Row(report, $"page GET via gateway at {Format.N(profile.MonitorRate)}/s, referrals coming in", html, PageP99Ms);
        context.Figures("monitor at scale", [json, html]);
    }

    private static void Row(BenchReport report, string measure, Measured measured, double bound) => report.Add(new ResultRow("8 monitor at scale", measure,
        Format.Percentiles(measured.Result.Latency), "", $"p99 ≤ {Format.N(bound)} ms",
        measured.Result.Failed == 0 && measured.Result.Latency.P99 <= bound, measured.CpuMsPerOp, measured.Memory));

    /// <summary>Reads at the profile's rate while referrals arrive through the gateway at a quarter of it (live events: today's, not the period's).</summary>
    internal static async Task<Measured> ReadWhileWritingAsync(StepContext context, string label, string path)
    {
        var (profile, api, ct) = (context.Profile, context.Api, context.Cancellation);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var writes = OpenLoad.RunAsync(profile.MonitorRate / 4, profile.MonitorDuration,
            async (_, token) => await PlatformApi.SubmitReferralAsync(api.Gateway, token) is not null, profile.MaxInFlight, stop.Token);
        var reads = await context.RunAsync(label, profile.MonitorRate, profile.MonitorDuration, (_, token) => PlatformApi.GetOkAsync(api.Gateway, path, token));
        var written = await writes;
        context.Log.WriteLine($"    meanwhile {written.Ok} referrals submitted ({written.Failed} failed)");
        return reads;
    }

    internal static async Task<double> TimedAsync(HttpClient client, string path, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        if (!await PlatformApi.GetOkAsync(client, path, ct)) throw new InvalidOperationException($"GET {path} did not answer 200.");
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    /// <summary>One COPY, with progress every 100,000 rows.</summary>
    private static async Task<long> LoadJournalAsync(string connectionString, int count, TextWriter log, CancellationToken ct)
    {
        await using var db = NpgsqlDataSource.Create(connectionString);
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var writer = await connection.BeginBinaryImportAsync(
            "COPY monitoring.journal (message_id, event_type, body, occurred_at, received_at) FROM STDIN (FORMAT BINARY)", ct);
        var now = DateTimeOffset.UtcNow;
        var started = Stopwatch.GetTimestamp();
        long written = 0;
        foreach (var row in new RegionJournal(DateOnly.FromDateTime(now.UtcDateTime).AddDays(-1)).Rows(count))
        {
            await writer.StartRowAsync(ct);
            await writer.WriteAsync(row.MessageId, NpgsqlDbType.Uuid, ct);
            await writer.WriteAsync(row.EventType, NpgsqlDbType.Varchar, ct);
            await writer.WriteAsync(row.Body, NpgsqlDbType.Jsonb, ct);
            await writer.WriteAsync(row.OccurredAt, NpgsqlDbType.TimestampTz, ct);
            await writer.WriteAsync(now, NpgsqlDbType.TimestampTz, ct);
            if (++written % 100_000 == 0)
            {
                var elapsed = Stopwatch.GetElapsedTime(started);
                log.WriteLine($"  journal: {Format.N(written)} of {Format.N(count)} copied, about {Format.N(elapsed.TotalSeconds * (count - written) / written)} s left");
            }
        }
        await writer.CompleteAsync(ct);
        return written;
    }

    /// <summary>The service's rebuild, as <c>Monitoring.dll rebuild</c> runs it, against the platform's database.</summary>
    private static async Task<RebuildResult> RebuildAsync(string connectionString, TextWriter log, CancellationToken ct)
    {
        var options = new DbContextOptionsBuilder<MonitoringDbContext>().UseNpgsql(connectionString).UseSnakeCaseNamingConvention().Options;
        await using var db = new MonitoringDbContext(options);
        var progress = new Progress<RebuildProgress>(p => log.WriteLine($"  rebuild: {p}"));
        log.WriteLine("  rebuild: replaying the journal into a new read model");
        return await new ReadModelRebuild(db, NullLogger<ReadModelRebuild>.Instance).RunAsync(ct, progress);
    }
}
