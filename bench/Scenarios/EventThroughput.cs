using Platform.ServiceDefaults;
using System.Diagnostics;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Platform.AppHost;
using Platform.Bench.Measure;
using Platform.Bench.Report;
using Platform.Contracts.Intake;

namespace Platform.Bench.Scenarios;

/// <summary>
/// Step 5: a backlog of ReferralSubmitted events written straight into Intake's outbox (one COPY,
/// so it appears at once, rows shaped as OutboxWriter writes them), then timed until Monitoring's
/// journal holds every one: outbox relay → RabbitMQ → Monitoring's idempotent consumer's commit.
/// The message ids share a prefix, so progress is one index range count. Memory of the relay's,
/// the broker's and the consumer's processes is sampled every second of the drain.
/// </summary>
public static class EventThroughput
{
    public static async Task RunAsync(StepContext context)
    {
        var (profile, report, ct) = (context.Profile, context.Report, context.Cancellation);
        var count = profile.Backlog;
        context.Log.WriteLine($"Step 5: event throughput, a backlog of {Format.N(count)} events");
        var prefix = Guid.NewGuid().ToString()[..24];
        Guid Id(long i) => Guid.Parse(prefix + i.ToString("x12", System.Globalization.CultureInfo.InvariantCulture));

        await using var intakeDb = NpgsqlDataSource.Create(context.Target.IntakeDb);
        await using var monitoringDb = NpgsqlDataSource.Create(context.Target.MonitoringDb);
        var watched = new[] { ResourceNames.Intake, ResourceNames.Monitoring, ResourceNames.Messaging, "rabbitmq", ResourceNames.Postgres }
            .Where(context.Processes.ByResource.ContainsKey).ToDictionary(r => r, r => context.Processes.Of(r));
        var memory = watched.ToDictionary(w => w.Key, _ => new List<double>());
        void SampleMemory() { foreach (var (name, tree) in watched) memory[name].Add(tree.RssMiB()); }
        SampleMemory();

        using var usage = context.Processes.Mark();
        // Each process's share: what an event costs where (the relay's service, the broker, the consumer, PostgreSQL, the rest).
        var byProcess = CpuByProcess.Mark(context.Processes);
        var copyStarted = Stopwatch.GetTimestamp();
        await CopyBacklogAsync(intakeDb, count, Id, ct);
        var start = Stopwatch.GetTimestamp();
        var copySeconds = Stopwatch.GetElapsedTime(copyStarted, start).TotalSeconds;
        context.Log.WriteLine($"  {Format.N(count)} outbox rows committed in {Format.N(copySeconds, 1)} s");

        var progress = new List<(double Seconds, long Count)>();
        var deadline = TimeSpan.FromMinutes(profile.IsSmoke ? 2 : 15);
        long seen = 0, lastSeen = -1;
        var lastMemory = Stopwatch.GetTimestamp();
        var lastLog = Stopwatch.GetTimestamp();
        var lastProgress = Stopwatch.GetTimestamp();
        // A CPU profile of 20 s of the drain, from the moment a tenth of it is in (the full profile only: the smoke's drain is
        // over in seconds): where an event's CPU goes, by process, module and function.
        Task<(CpuProfile? Profile, string? Why)>? recording = null;
        var profileWindow = TimeSpan.FromSeconds(20);
        while (seen < count && Stopwatch.GetElapsedTime(start) < deadline && Stopwatch.GetElapsedTime(lastProgress) < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(250, ct);
            seen = await JournalledAsync(monitoringDb, Id(0), Id(0xffff_ffff_ffff), ct);
            if (recording is null && !profile.IsSmoke && seen >= count / 10) recording = CpuProfile.RecordAsync(profileWindow, ct);
            var at = Stopwatch.GetElapsedTime(start).TotalSeconds;
            progress.Add((at, seen));
            if (seen != lastSeen) { lastSeen = seen; lastProgress = Stopwatch.GetTimestamp(); }
            if (Stopwatch.GetElapsedTime(lastMemory) >= TimeSpan.FromSeconds(1)) { SampleMemory(); lastMemory = Stopwatch.GetTimestamp(); }
            if (Stopwatch.GetElapsedTime(lastLog) >= TimeSpan.FromSeconds(5))
            {
                lastLog = Stopwatch.GetTimestamp();
                context.Log.WriteLine($"  {at,6:0.0} s: {Format.N(seen)} journalled ({Format.N(seen / at)}/s)");
            }
        }
        var drain = Stopwatch.GetElapsedTime(start).TotalSeconds;
        SampleMemory();
        var (cpu, _) = usage.Now();
        var shares = byProcess.PerOperation(seen);
        // A few seconds more: memory after the backlog is gone, once the services have settled.
        if (!profile.IsSmoke) { await Task.Delay(TimeSpan.FromSeconds(5), ct); SampleMemory(); }

        var overall = seen / drain;
        var sustained = SustainedRate(progress, count);
        var growth = watched.Keys.Where(k => k is ResourceNames.Intake or ResourceNames.Monitoring)
            .Sum(k => memory[k][^1] - memory[k][0]);
        var before = watched.Keys.Where(k => k is ResourceNames.Intake or ResourceNames.Monitoring).Sum(k => memory[k][0]);
        var noGrowth = growth <= Math.Max(64, before * 0.25);
        string Memory(string name) => memory.TryGetValue(name, out var m) && m.Count > 0
            ? $"{name} {Format.MiB(m[0])} → peak {Format.MiB(m.Max())} → end {Format.MiB(m[^1])}" : "";
        var memoryText = string.Join("; ", watched.Keys.Select(Memory));

        report.Add(new ResultRow("5 event throughput", "outbox → RabbitMQ → Monitoring's idempotent consumer commit, events/s sustained (10%–90% of the drain)",
            Format.N(sustained), context.RabbitPerSecond > 0 ? $"{Format.Ratio(sustained / context.RabbitPerSecond)} of RabbitMQ (32 channels)" : "(limits not run)", "≥ 2,000/s",
            seen == count && sustained >= 2000, seen > 0 ? cpu / seen : null, ""));
        report.Add(new ResultRow("5 event throughput", $"drain of a {Format.N(count)}-event backlog: time, mean rate",
            seen == count ? $"{Format.N(drain, 1)} s, {Format.N(overall)}/s" : $"**incomplete**: {Format.N(seen)} of {Format.N(count)} in {Format.N(drain, 1)} s",
            context.RabbitSinglePerSecond > 0 ? $"{Format.Ratio(overall / context.RabbitSinglePerSecond)} of RabbitMQ (1 publisher)" : "(limits not run)", "≥ 1,500/s, no memory growth",
            seen == count && overall >= 1500 && noGrowth, seen > 0 ? cpu / seen : null,
            $"{memoryText}; intake+monitoring growth {Format.MiB(growth)}"));
        context.ReportByProcess("5 event throughput", "CPU-ms per event by process over the drain (what bounds the rate on 2 cores: 2,000 CPU-ms a second)", shares);
        if (recording is not null)
        {
            var (cpuProfile, why) = await recording;
            if (cpuProfile is null) report.Add(new ResultRow("5 event throughput", "CPU profile of the drain", $"not recorded: {why}"));
            else await CpuProfiles.ReportAsync(context, "5 event throughput", "20 s of the drain", cpuProfile, profileWindow, null,
                ["monitoring", "intake"], "profile-drain");
        }
        report.Figures("event throughput", seen, count - seen);
    }

    /// <summary>Events per second between the moments 10% and 90% of the backlog had arrived.</summary>
    private static double SustainedRate(List<(double Seconds, long Count)> progress, long total)
    {
        var from = progress.FirstOrDefault(p => p.Count >= total * 0.1);
        var to = progress.FirstOrDefault(p => p.Count >= total * 0.9);
        if (to.Seconds <= from.Seconds) return progress.Count > 0 ? progress[^1].Count / Math.Max(0.25, progress[^1].Seconds) : 0;
        return (to.Count - from.Count) / (to.Seconds - from.Seconds);
    }

    private static async Task CopyBacklogAsync(NpgsqlDataSource db, int count, Func<long, Guid> id, CancellationToken ct)
    {
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        var type = typeof(ReferralSubmitted).FullName!;
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var writer = await connection.BeginBinaryImportAsync(
            "COPY messaging.outbox (message_id, message_type, body, created_at, attempts) FROM STDIN (FORMAT BINARY)", ct);
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < count; i++)
        {
            var bsnLike = Scenarios.PlatformApi.NewBsn();
            var body = JsonSerializer.Serialize(new ReferralSubmitted(Guid.CreateVersion7(), $"cr1-bench-{bsnLike}", "school-bs-de-linde", "school",
                "GM0935", ["learning"], "soon", now), json);
            await writer.StartRowAsync(ct);
            await writer.WriteAsync(id(i), NpgsqlDbType.Uuid, ct);
            await writer.WriteAsync(type, NpgsqlDbType.Varchar, ct);
            await writer.WriteAsync(body, NpgsqlDbType.Jsonb, ct);
            await writer.WriteAsync(now, NpgsqlDbType.TimestampTz, ct);
            await writer.WriteAsync(0, NpgsqlDbType.Integer, ct);
        }
        await writer.CompleteAsync(ct);
    }

    private static async Task<long> JournalledAsync(NpgsqlDataSource db, Guid from, Guid to, CancellationToken ct)
    {
        await using var command = db.CreateCommand("SELECT count(*) FROM monitoring.journal WHERE message_id BETWEEN $1 AND $2");
        command.Parameters.Add(new NpgsqlParameter { Value = from });
        command.Parameters.Add(new NpgsqlParameter { Value = to });
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }
}
