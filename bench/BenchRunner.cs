using System.Diagnostics;
using Aspire.Hosting;
using Platform.Bench.Platform;
using Platform.Bench.Report;
using Platform.Bench.Scenarios;
using Platform.Bench.Scenarios.RegionYear;

namespace Platform.Bench;

/// <summary>
/// The benchmark's core: every step against a platform that is already running. The console
/// starts its own platform (<see cref="PlatformHost"/>); the CI smoke test hands in the end-to-end
/// tests' one.
/// </summary>
public static class BenchRunner
{
    /// <summary>The steps by name, in the order they run; <c>./bench/run.sh full monitor</c> runs only the ones named (latency and reads need writes).</summary>
    public static readonly IReadOnlyList<string> Steps = ["limits", "writes", "profile", "latency", "throughput", "reads", "year", "monitor"];

    public static async Task<BenchReport> RunAsync(DistributedApplication app, BenchProfile profile, TextWriter log, CancellationToken ct,
        IReadOnlySet<string>? only = null)
    {
        var target = await BenchTarget.FromAsync(app, ct);
        using var api = await PlatformApi.CreateAsync(target.Gateway, target.Intake, target.Monitoring, ct);
        var report = new BenchReport { Profile = profile.Name };
        var context = new StepContext { Target = target, Api = api, Profile = profile, Report = report, Log = log, Cancellation = ct };
        if (only is not null) report.Facts["steps run"] = string.Join(", ", Steps.Where(only.Contains));
        report.Facts["processes measured"] = string.Join(", ", target.Processes.ByResource.Keys.Order());
        var started = Stopwatch.GetTimestamp();
        var load = LoadAverage();

        bool Runs(string step) => only is null || only.Contains(step);
        if (Runs("limits"))
        {
            var limits = await MachineLimits.MeasureAsync(context);
            context.RabbitSinglePerSecond = limits.RabbitSinglePerSecond;
            context.RabbitPerSecond = limits.RabbitPerSecond;
        }
        // Event latency and reads use the referrals the write step made.
        IntakeWrites.Figures? writes = Runs("writes") ? await IntakeWrites.RunAsync(context) : null;
        if (Runs("profile"))
        {
            await Settle(context);
            await CpuProfiles.RunAsync(context);
        }
        if (Runs("latency") && writes is not null)
        {
            await Settle(context);
            await EventLatency.RunAsync(context, writes);
        }
        if (Runs("throughput"))
        {
            await Settle(context);
            await EventThroughput.RunAsync(context);
        }
        if (Runs("reads") && writes is not null)
        {
            await Settle(context);
            await Reads.RunAsync(context);
        }
        if (Runs("year"))
        {
            await Settle(context);
            await RegionYearStep.RunAsync(context);
        }
        if (Runs("monitor"))
        {
            await Settle(context);
            await MonitorAtScale.RunAsync(context);
        }

        report.Facts["duration"] = $"{Format.N(Stopwatch.GetElapsedTime(started).TotalSeconds)} s";
        report.Facts["load average (1/5/15 min) before → after"] = $"{load} → {LoadAverage()}";
        report.Notes.Add("Latency is measured from each request's intended send time (open model, constant arrival rate), recorded in HdrHistogram; "
                         + "a rate counts as sustained when every request succeeded, the achieved rate was within 5% of the target and p99 ≤ 50 ms.");
        report.Notes.Add("CPU-ms/op: user+system CPU of every platform process (services, gateway, Identity, PostgreSQL, RabbitMQ, with their child processes) "
                         + "over the step, divided by its operations; the benchmark's own driver is not counted (except in the Kestrel limit, where it shares the process). "
                         + "Memory: summed RSS of the same processes at the end of the step, and its peak.");
        report.Notes.Add("Changed for the run (and only this): gateway rate limits raised, and perf maps written for the CPU profiles, via "
                         + string.Join(", ", PlatformHost.Overrides.Concat(PlatformHost.Experiment).Select(o => $"{o.Key}={o.Value}"))
                         + " when the console starts the platform; authentication, OpenTelemetry, outbox and audit stay on.");
        return report;
    }

    /// <summary>Lets the outbox and queues a step left behind empty before the next one starts.</summary>
    private static Task Settle(StepContext context) => Task.Delay(TimeSpan.FromSeconds(context.Profile.IsSmoke ? 0.5 : 5), context.Cancellation);

    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
