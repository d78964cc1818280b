using Platform.ServiceDefaults;
using Npgsql;
using Platform.AppHost;
using Platform.Bench.Limits;
using Platform.Bench.LoadDriver;
using Platform.Bench.Report;

namespace Platform.Bench.Scenarios;

/// <summary>Step 1: what this machine gives at most, measured in the same run as the platform.</summary>
public static class MachineLimits
{
    public sealed record Figures(double KestrelPerSecond, double RabbitSinglePerSecond, double RabbitPerSecond);

    public static async Task<Figures> MeasureAsync(StepContext context)
    {
        var (profile, report, ct) = (context.Profile, context.Report, context.Cancellation);
        context.Log.WriteLine("Step 1: the machine's limits");

        var self = new Measure.ProcessTree("bench", [Environment.ProcessId]);
        using (var usage = context.Processes.Mark(self))
        {
            var kestrel = await KestrelLimit.MeasureAsync(64, profile.LimitDuration, ct);
            var (cpu, _) = usage.Now();
            Log(context, "kestrel", kestrel);
            report.Add(new ResultRow("1 limits", "trivial Kestrel GET, req/s (64 connections, closed loop; server and driver in one process)",
                Format.N(kestrel.Throughput), "1.00", CpuMsPerRequest: cpu / Math.Max(1, kestrel.Ok + kestrel.Failed)));
            report.Figures("kestrel limit", kestrel.Ok, kestrel.Failed);

            var rabbitTree = context.Processes.Of("rabbitmq");
            using var rabbitUsage = context.Processes.Mark(rabbitTree);
            var single = await RabbitMqLimit.MeasureAsync(context.Target.Messaging, 1, profile.LimitDuration, ct);
            var (singleCpu, _) = rabbitUsage.Now();
            Log(context, "rabbitmq x1", single);
            var many = await RabbitMqLimit.MeasureAsync(context.Target.Messaging, 32, profile.LimitDuration, ct);
            var (bothCpu, rss) = rabbitUsage.Now();
            Log(context, "rabbitmq x32", many);
            report.Add(new ResultRow("1 limits", "RabbitMQ persistent publish + confirm, msg/s, 1 publisher awaiting each confirm (as the relay did)",
                Format.N(single.Throughput), "1.00", CpuMsPerRequest: singleCpu / Math.Max(1, single.Ok), Memory: Format.MiB(rss)));
            report.Add(new ResultRow("1 limits", "RabbitMQ persistent publish + confirm, msg/s, 32 channels each awaiting its confirm",
                Format.N(many.Throughput), "1.00", CpuMsPerRequest: (bothCpu - singleCpu) / Math.Max(1, many.Ok), Memory: Format.MiB(rss)));
            report.Figures("rabbitmq limit", single.Ok + many.Ok, single.Failed + many.Failed);
            return new Figures(kestrel.Throughput, single.Throughput, many.Throughput);
        }
    }

    /// <summary>PostgreSQL commits/s of one referral's rows per transaction, at <paramref name="concurrency"/> connections.</summary>
    public static async Task<double> PostgresAsync(StepContext context, WriteShape shape, int concurrency)
    {
        var (profile, report, ct) = (context.Profile, context.Report, context.Cancellation);
        await using var db = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(context.Target.IntakeDb) { MaxPoolSize = concurrency + 4 }.ConnectionString);
        var tree = context.Processes.Of(ResourceNames.Postgres);
        using var usage = context.Processes.Mark(tree);
        var result = await ClosedLoad.RunAsync(concurrency, profile.LimitDuration, (_, token) => shape.WriteOnceAsync(db, token), ct);
        var (cpu, rss) = usage.Now();
        Log(context, $"postgres x{concurrency}", result);
        var settings = await SettingsAsync(db, ct);
        report.Add(new ResultRow("1 limits",
            $"PostgreSQL commits/s, one referral's rows per transaction ({shape.Describe()}), {concurrency} connections ({settings})",
            Format.N(result.Throughput), "1.00", CpuMsPerRequest: cpu / Math.Max(1, result.Ok), Memory: Format.MiB(rss)));
        report.Figures("postgres limit", result.Ok, result.Failed);
        await WriteShape.DropAsync(db, ct);
        return result.Throughput;
    }

    private static async Task<string> SettingsAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        await using var command = db.CreateCommand(
            "SELECT 'fsync=' || current_setting('fsync') || ', synchronous_commit=' || current_setting('synchronous_commit') || ', wal_sync_method=' || current_setting('wal_sync_method')");
        return (string)(await command.ExecuteScalarAsync(ct))!;
    }

    private static void Log(StepContext context, string label, LoadResult result) =>
        context.Log.WriteLine($"  {label}: {Format.N(result.Throughput, 1)}/s ok={result.Ok} failed={result.Failed} {Format.Percentiles(result.Latency)}");
}
