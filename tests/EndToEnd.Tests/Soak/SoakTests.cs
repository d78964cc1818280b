using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Aspire.Hosting.Testing;
using Platform.AppHost;
using Platform.Bench.Platform;
using Platform.EndToEnd.Tests.Faults.Control;
using Platform.EndToEnd.Tests.Faults.Injected;
using Platform.EndToEnd.Tests.Faults.Journeys;
using Platform.EndToEnd.Tests.Faults.Reconciliation;
using Platform.ServiceDefaults;

namespace Platform.EndToEnd.Tests.Soak;

/// <summary>
/// The soak (#28): the end-to-end platform under a steady, moderate stream of journeys (referral, then consent, each
/// with its Idempotency-Key) for an hour. Every minute it looks at each resource's private memory, the broker's queues
/// and every service's outbox; every ten minutes (a new token, as an integrator's would be) it reconciles that
/// window's journeys against every service's data. It passes when nothing is lost or doubled, no backlog grows, and no
/// process's memory climbs after the warm-up. Not in CI: <c>./scripts/soak.sh [minutes] [journeys/s]</c> runs it, and
/// the report is written to <c>TestResults/soak.md</c> after every sample.
/// </summary>
[Collection(nameof(Quiet))]
public sealed class SoakTests(PlatformFixture fixture)
{
    private static readonly TimeSpan SampleEvery = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    /// <summary>The soak's length, when asked for (<c>SOAK_MINUTES</c>); the platform fixture keeps no telemetry then.</summary>
    public static TimeSpan? Requested =>
        int.TryParse(Environment.GetEnvironmentVariable("SOAK_MINUTES"), CultureInfo.InvariantCulture, out var minutes) && minutes > 0
            ? TimeSpan.FromMinutes(minutes) : null;

    private static double Rate =>
        double.TryParse(Environment.GetEnvironmentVariable("SOAK_RATE"), CultureInfo.InvariantCulture, out var rate) && rate > 0 ? rate : 4;

    private static readonly string[] ServiceDatabases =
    [
        ResourceNames.IdentityDb, ResourceNames.IntakeDb, ResourceNames.MonitoringDb, ResourceNames.AttendanceDb, ResourceNames.HandoverDb,
        ResourceNames.FundingDb, ResourceNames.SubscriptionsDb, ResourceNames.DirectoryDb, ResourceNames.AuditDb,
    ];

    [Fact(Timeout = 6 * 60 * 60 * 1000)]
    public async Task A_steady_stream_for_an_hour_loses_nothing_and_leaves_memory_queues_and_outboxes_flat()
    {
        Assert.SkipUnless(Requested is not null, "The soak runs when asked: ./scripts/soak.sh [minutes] [journeys/s].");
        var ct = TestContext.Current.CancellationToken;
        var duration = Requested!.Value;
        var warmUp = TimeSpan.FromTicks(Math.Min(TimeSpan.FromMinutes(10).Ticks, duration.Ticks / 4));
        await using var platform = await FaultPlatform.AttachAsync(fixture, ct);
        var processes = (await BenchTarget.FromAsync(fixture.App, ct)).Processes;
        // The broker's queue figures come from the local Prometheus, where the AppHost runs one.
        using var prometheus = platform.Alerts is not null ? fixture.App.CreateHttpClient(ResourceNames.Prometheus, "http") : null;
        // The coordinator's notification is one of a journey's effects, as in the fault suite.
        await using var sink = new NotificationSink();
        await Faults.FaultInjectionTests.SubscribeCoordinatorAsync(platform, sink, ct);
        var reconciler = new Reconciler(platform.DatabaseAsync);
        var report = Path.Combine(RepositoryPaths.Root(), "TestResults", "soak.md");
        Directory.CreateDirectory(Path.GetDirectoryName(report)!);

        var samples = new List<SoakSample>();
        var windows = new List<string>();
        var all = new List<Journey>();
        int lost = 0, duplicated = 0, unresolved = 0;
        var clock = Stopwatch.StartNew();
        (JourneyDriver Driver, HttpClient Client, TimeSpan From)? previous = null;

        async Task FinishAsync((JourneyDriver Driver, HttpClient Client, TimeSpan From) window)
        {
            await window.Driver.StopAsync();
            var journeys = window.Driver.Journeys.ToList();
            var result = await ReconcileAsync(reconciler, journeys, ct);
            lost += result.Lost;
            duplicated += result.Duplicated;
            var open = journeys.Count(j => j.CompletedAt is null);
            unresolved += open;
            windows.Add($"minutes {window.From.TotalMinutes:0}–{clock.Elapsed.TotalMinutes:0}: {journeys.Count} journeys, {result.Accepted} requests accepted, "
                        + $"{result.Found}/{result.Expected} effects, {result.Lost} lost, {result.Duplicated} duplicated, {open} not completed"
                        + (result.Details.Count > 0 ? $" ({string.Join("; ", result.Details)})" : ""));
            all.AddRange(journeys);
            await window.Driver.DisposeAsync();
            window.Client.Dispose();
        }

        var nextSample = TimeSpan.Zero;
        while (clock.Elapsed < duration)
        {
            var client = await DemoClients.ClientAsync(platform.Gateway, DemoClients.School, ct);
            var driver = new JourneyDriver(client, Rate, Profile.Patience);
            driver.Start();
            var from = clock.Elapsed;
            if (previous is { } done) await FinishAsync(done);
            previous = (driver, client, from);
            var windowEnd = from + Window < duration ? from + Window : duration;
            while (clock.Elapsed < windowEnd)
            {
                if (clock.Elapsed >= nextSample)
                {
                    var current = all.Concat(driver.Journeys).ToList();
                    samples.Add(await SampleAsync(platform, processes, prometheus, clock.Elapsed, current, ct));
                    nextSample += SampleEvery;
                    await File.WriteAllTextAsync(report, Render(samples, windows, duration, warmUp, finished: false), ct);
                    TestContext.Current.SendDiagnosticMessage($"soak: {clock.Elapsed.TotalMinutes:0} of {duration.TotalMinutes:0} minutes, {current.Count} journeys");
                }
                var wait = (nextSample < windowEnd ? nextSample : windowEnd) - clock.Elapsed;
                if (wait > TimeSpan.Zero) await Task.Delay(wait, ct);
            }
        }
        if (previous is { } last) await FinishAsync(last);
        // After the last journeys: what is left waiting once the stream stops.
        samples.Add(await SampleAsync(platform, processes, prometheus, clock.Elapsed, all, ct));
        var text = Render(samples, windows, duration, warmUp, finished: true);
        await File.WriteAllTextAsync(report, text, ct);
        TestContext.Current.TestOutputHelper?.WriteLine(text);

        Assert.True(lost == 0 && duplicated == 0 && unresolved == 0, text);
        var growing = Growing(samples, warmUp);
        Assert.True(growing.Count == 0, $"Growing: {string.Join("; ", growing)}\n{text}");
    }

    private static async Task<Reconciliation> ReconcileAsync(Reconciler reconciler, IReadOnlyCollection<Journey> journeys, CancellationToken ct)
    {
        var limit = Stopwatch.StartNew();
        while (true)
        {
            var result = await reconciler.ReconcileAsync(journeys, ct);
            if (result.Complete || limit.Elapsed > TimeSpan.FromSeconds(60)) return result;
            await Task.Delay(TimeSpan.FromSeconds(1), ct);
        }
    }

    private static async Task<SoakSample> SampleAsync(FaultPlatform platform, Bench.Measure.PlatformProcesses processes, HttpClient? prometheus,
        TimeSpan at, IReadOnlyCollection<Journey> journeys, CancellationToken ct)
    {
        var memory = processes.ByResource.ToDictionary(p => p.Key, p => p.Value.AnonymousMiB());
        long outbox = 0;
        foreach (var database in ServiceDatabases)
        {
            // Not every service publishes through an outbox of its own (Identity does not).
            await using var exists = (await platform.DatabaseAsync(database)).CreateCommand("SELECT to_regclass('messaging.outbox') IS NOT NULL");
            if (!(bool)(await exists.ExecuteScalarAsync(ct))!) continue;
            await using var rows = (await platform.DatabaseAsync(database)).CreateCommand("SELECT count(*) FROM messaging.outbox");
            outbox += (long)(await rows.ExecuteScalarAsync(ct))!;
        }
        var heaps = (await QueryAsync(prometheus, "sum by (job) (dotnet_gc_last_collection_heap_size_bytes) / 1048576", ct))
            .ToDictionary(r => r.Label ?? "", r => r.Value);
        // The broker's own account of its memory: the Erlang processes (queues, connections) and the system's parts.
        var broker = (await QueryAsync(prometheus, "sum by (usage) (erlang_vm_memory_system_bytes_total) / 1048576", ct, "usage"))
            .Concat(await QueryAsync(prometheus, "sum by (kind) (erlang_vm_memory_bytes_total{kind=\"processes\"}) / 1048576", ct, "kind"))
            .Where(r => r.Label is not null).ToDictionary(r => r.Label!, r => r.Value);
        var ready = await QueryAsync(prometheus, "sum(rabbitmq_queue_messages_ready)", ct);
        var unacked = await QueryAsync(prometheus, "sum(rabbitmq_queue_messages_unacked)", ct);
        return new SoakSample(at, memory, heaps, ready.Count == 0 ? null : (long)ready[0].Value, unacked.Count == 0 ? null : (long)unacked[0].Value,
            outbox, journeys.Count, journeys.Count(j => j.CompletedAt is not null), broker);
    }

    /// <summary>A query's values from the local Prometheus, by a label (the job unless named) where it has one; none where there is no Prometheus.</summary>
    private static async Task<List<(string? Label, double Value)>> QueryAsync(HttpClient? prometheus, string query, CancellationToken ct, string label = "job")
    {
        if (prometheus is null) return [];
        var body = await prometheus.GetFromJsonAsync<JsonElement>($"api/v1/query?query={Uri.EscapeDataString(query)}", ct);
        return [.. body.GetProperty("data").GetProperty("result").EnumerateArray().Select(r => (
            r.GetProperty("metric").TryGetProperty(label, out var value) ? value.GetString() : null,
            double.Parse(r.GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture)))];
    }

    /// <summary>
    /// What the verdict judges for a resource: a .NET service's managed heap after its last collection where its runtime
    /// reports one (its resident memory also holds what the collector has not yet reclaimed: an idle service that collects
    /// twice an hour looks as if it grew), otherwise the processes' private memory (PostgreSQL, RabbitMQ).
    /// </summary>
    private static (string What, Func<SoakSample, IReadOnlyDictionary<string, double>> Figure) Judged(IReadOnlyList<SoakSample> samples, string resource) =>
        samples.Any(s => s.HeapMiB.ContainsKey(resource)) ? ("managed heap after GC", s => s.HeapMiB) : ("private memory", s => s.MemoryMiB);

    /// <summary>
    /// The local Prometheus watches the platform and is not part of it: its head block holds two hours of samples in
    /// memory before it compacts, so it grows through an hour by design. Shown, not judged.
    /// </summary>
    private const string Observer = ResourceNames.Prometheus;

    private static List<string> Growing(IReadOnlyList<SoakSample> samples, TimeSpan warmUp)
    {
        var growing = new List<string>();
        foreach (var resource in samples[0].MemoryMiB.Keys.Where(r => r != Observer))
        {
            var (what, figure) = Judged(samples, resource);
            var (_, growth, level) = SoakVerdict.Trend(samples, resource, warmUp, figure);
            if (growth > SoakVerdict.AllowedGrowthMiB(level)) growing.Add($"{resource}'s {what} (+{growth:0} MiB after the warm-up, at {level:0} MiB)");
        }
        var measured = samples.Where(s => s.At >= warmUp).ToList();
        if (SoakVerdict.Grows([.. measured.Select(s => s.QueueReady ?? 0)], floor: 200)) growing.Add("the broker's ready messages");
        if (SoakVerdict.Grows([.. measured.Select(s => s.OutboxRows)], floor: 200)) growing.Add("the outboxes' rows");
        return growing;
    }

    private static string Render(IReadOnlyList<SoakSample> samples, IReadOnlyList<string> windows, TimeSpan duration, TimeSpan warmUp, bool finished)
    {
        var resources = samples[0].MemoryMiB.Keys.Order(StringComparer.Ordinal).ToList();
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"## Soak: {duration.TotalMinutes:0} minutes at {Rate} journeys/s, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC{(finished ? "" : " (running)")}");
        text.AppendLine();
        text.AppendLine("Private memory (RssAnon, MiB) of each resource's processes; the last row is after the stream stopped.");
        text.AppendLine();
        text.AppendLine($"| minute | journeys (completed) | queues ready / unacked | outbox rows | {string.Join(" | ", resources)} |");
        text.AppendLine($"| ---: | ---: | ---: | ---: |{string.Concat(resources.Select(_ => " ---: |"))}");
        for (var i = 0; i < samples.Count; i++)
        {
            var s = samples[i];
            // Every fifth minute, and the first and last: a readable table; the trend uses them all.
            if (i != 0 && i != samples.Count - 1 && Math.Round(s.At.TotalMinutes) % 5 != 0) continue;
            var memory = string.Join(" | ", resources.Select(r => s.MemoryMiB.TryGetValue(r, out var m) ? m.ToString("0", CultureInfo.InvariantCulture) : "–"));
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {s.At.TotalMinutes:0} | {s.JourneysStarted} ({s.JourneysAccepted}) | {s.QueueReady?.ToString(CultureInfo.InvariantCulture) ?? "–"} / {s.QueueUnacked?.ToString(CultureInfo.InvariantCulture) ?? "–"} | {s.OutboxRows} | {memory} |");
        }
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Memory after the {warmUp.TotalMinutes:0}-minute warm-up (least-squares trend over every minute's sample; flat = growth over the span under a tenth of the level, or 16 MiB). Judged: a .NET service's managed heap after its last garbage collection; PostgreSQL's and RabbitMQ's private memory.");
        text.AppendLine();
        text.AppendLine("| resource | private memory: level, trend (MiB, MiB/h) | managed heap after GC: level, trend (MiB, MiB/h) | judged growth over the span (MiB) | flat |");
        text.AppendLine("| --- | ---: | ---: | ---: | --- |");
        foreach (var resource in resources)
        {
            var (rssPerHour, _, rssLevel) = SoakVerdict.Trend(samples, resource, warmUp, s => s.MemoryMiB);
            var heap = samples.Any(s => s.HeapMiB.ContainsKey(resource)) ? SoakVerdict.Trend(samples, resource, warmUp, s => s.HeapMiB) : ((double, double, double)?)null;
            var (_, figure) = Judged(samples, resource);
            var (_, growth, level) = SoakVerdict.Trend(samples, resource, warmUp, figure);
            var heapText = heap is { } h ? $"{h.Item3:0}, {h.Item1:+0.0;-0.0;0}" : "–";
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {resource} | {rssLevel:0}, {rssPerHour:+0.0;-0.0;0} | {heapText} | {growth:+0.0;-0.0;0} | {(resource == Observer ? "not judged (the observer)" : growth <= SoakVerdict.AllowedGrowthMiB(level) ? "yes" : "NO")} |");
        }
        var brokerParts = samples.SelectMany(s => s.BrokerMiB.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        if (brokerParts.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("The broker's memory by what holds it (its Erlang runtime's own figures, MiB): level and trend after the warm-up, and the last sample.");
            text.AppendLine();
            text.AppendLine("| part | level, trend (MiB, MiB/h) | last (MiB) |");
            text.AppendLine("| --- | ---: | ---: |");
            foreach (var part in brokerParts)
            {
                var (perHour, _, level) = SoakVerdict.Trend(samples, part, warmUp, s => s.BrokerMiB);
                var last = samples.LastOrDefault(s => s.BrokerMiB.ContainsKey(part))?.BrokerMiB[part];
                text.AppendLine(CultureInfo.InvariantCulture, $"| {part} | {level:0}, {perHour:+0.0;-0.0;0} | {last:0} |");
            }
        }
        text.AppendLine();
        text.AppendLine("Reconciliation, per ten-minute window (every effect of every accepted request, counted in each service's database):");
        text.AppendLine();
        foreach (var window in windows) text.AppendLine(CultureInfo.InvariantCulture, $"- {window}");
        return text.ToString();
    }
}
