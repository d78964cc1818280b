using Npgsql;
using Platform.Bench.Limits;
using Platform.Bench.LoadDriver;
using Platform.Bench.Measure;
using Platform.Bench.Report;

namespace Platform.Bench.Scenarios;

/// <summary>
/// Steps 2 and 3: referrals (POST /api/intake/referrals, 201) through the gateway with everything
/// on, then straight to Intake with the same token. Also learns the referral's write shape and
/// measures PostgreSQL's limit for it at the concurrency the gateway run reached.
/// </summary>
public static class IntakeWrites
{
    public sealed record Figures(double GatewayBest, double DirectBest, double PostgresLimit, int OutboxRowsPerReferral);

    public static async Task<Figures> RunAsync(StepContext context)
    {
        var (api, profile, report) = (context.Api, context.Profile, context.Report);
        Operation viaGateway = (_, ct) => SubmitAsync(context, api.Gateway, ct);
        Operation direct = (_, ct) => SubmitAsync(context, api.Intake, ct);

        // Fresh processes spend their first minutes JIT-compiling (tier 0, then tier 1 with PGO):
        // measured before that settles, a referral costs ten times its steady CPU.
        context.Log.WriteLine("Warming up (JIT tiers, pools, caches)...");
        var warmup = TimeSpan.FromSeconds(profile.IsSmoke ? 1 : 30);
        var warmupRate = profile.IsSmoke ? 5 : 20;
        await OpenLoad.RunAsync(warmupRate, warmup, viaGateway, 500, context.Cancellation);
        await OpenLoad.RunAsync(warmupRate, warmup / 2, direct, 500, context.Cancellation);
        var warmCases = await context.CasesAsync(api.Gateway);
        if (warmCases.Length > 0)
        {
            await OpenLoad.RunAsync(warmupRate, warmup / 3, (i, ct) => PlatformApi.GetOkAsync(api.Gateway, $"/api/intake/cases/{warmCases[i % warmCases.Length]}", ct), 500, context.Cancellation);
            await OpenLoad.RunAsync(warmupRate, warmup / 3, (_, ct) => PlatformApi.GetOkAsync(api.Gateway, "/api/monitoring/indicators", ct), 500, context.Cancellation);
        }
        await Task.Delay(TimeSpan.FromSeconds(profile.IsSmoke ? 0 : 10), context.Cancellation);

        await using var intakeDb = NpgsqlDataSource.Create(context.Target.IntakeDb);
        const int samples = 5;
        var shape = await WriteShape.LearnAsync(intakeDb, samples, async () =>
        {
            for (var i = 0; i < samples; i++)
                if (!await SubmitAsync(context, api.Gateway, context.Cancellation)) throw new InvalidOperationException("A referral failed while learning the write shape.");
        }, context.Cancellation);
        context.Log.WriteLine($"  a referral writes: {shape.Describe()}");
        var outboxRows = shape.Tables.FirstOrDefault(t => t.Source == "messaging.outbox")?.Rows ?? 0;

        context.Log.WriteLine("Step 2: referrals through the gateway");
        var (gatewayBest, gatewayProbes) = await context.SearchAsync("gateway POST referral", viaGateway);
        var concurrency = profile.IsSmoke ? 2 : (int)Math.Max(4, gatewayBest?.Result.PeakInFlight ?? 4);
        var postgres = await MachineLimits.PostgresAsync(context, shape, concurrency);

        var gatewayRate = gatewayBest?.Result.TargetRate ?? 0;
        var gatewayAchieved = gatewayBest?.Result.Throughput ?? 0;
        report.Add(new ResultRow("2 intake via gateway", "highest sustained referral rate, req/s (p99 ≤ 50 ms, no errors)",
            $"{Format.N(gatewayRate)} (achieved {Format.N(gatewayAchieved, 1)})", $"{Format.Ratio(gatewayRate / postgres)} of PostgreSQL",
            "≥ 0.50 of PostgreSQL", gatewayRate / postgres >= 0.5, gatewayBest?.CpuMsPerOp, gatewayBest?.Memory ?? ""));

        var targetRate = profile.IsSmoke ? profile.ModerateRate : Math.Round(postgres * 0.4);
        await Task.Delay(TimeSpan.FromSeconds(profile.IsSmoke ? 0 : 3), context.Cancellation);
        var atTarget = await context.RunAsync("gateway POST referral (40% of PostgreSQL)", targetRate, profile.Fixed, viaGateway);
        report.Add(new ResultRow("2 intake via gateway", $"latency at {Format.N(targetRate)} req/s = 40% of PostgreSQL's rate"
                + (atTarget.Result.Overloaded ? $" (**overloaded**: {atTarget.Result.PeakInFlight} in flight, run stopped after {Format.N(atTarget.Result.Scheduled.TotalSeconds, 1)} s)" : ""),
            $"{Format.Percentiles(atTarget.Result.Latency)}; {Format.N(atTarget.Result.Throughput, 1)}/s ok, {atTarget.Result.Failed} failed",
            $"{Format.Ratio(targetRate / postgres)} of PostgreSQL", "p99 ≤ 50 ms", atTarget.Result.Sustains(BenchProfile.P99BoundMs), atTarget.CpuMsPerOp, atTarget.Memory));

        var moderate = profile.IsSmoke ? profile.ModerateRate : Math.Max(5, Math.Round(gatewayRate * 0.5));
        // A pause for the consumers to finish the last run's events, then a quiet one that measures the idle platform, so the
        // next row can tell a referral's own cost from it.
        await Task.Delay(TimeSpan.FromSeconds(profile.IsSmoke ? 1 : 5), context.Cancellation);
        var idle = await CpuByProcess.IdleAsync(context.Processes, TimeSpan.FromSeconds(profile.IsSmoke ? 1 : 5), context.Cancellation);
        var byProcess = CpuByProcess.Mark(context.Processes);
        var gatewayModerate = await context.RunAsync("gateway POST referral (moderate)", moderate, profile.Fixed, viaGateway);
        report.Add(new ResultRow("2 intake via gateway", $"latency at a moderate {Format.N(moderate)} req/s (half the highest sustained)",
            Format.Percentiles(gatewayModerate.Result.Latency), $"{Format.Ratio(moderate / postgres)} of PostgreSQL", "", null, gatewayModerate.CpuMsPerOp, gatewayModerate.Memory));
        // The events a referral sends are consumed after its 201: their consumers' work is counted once they had time to finish.
        await Task.Delay(TimeSpan.FromSeconds(profile.IsSmoke ? 1 : 3), context.Cancellation);
        context.ReportByProcess("2 intake via gateway", "CPU-ms per referral by process at the moderate rate, the idle platform's CPU over the same seconds taken off "
            + $"(idle: {Format.N(idle.Values.Sum())} CPU-ms/s in all)", byProcess.PerOperation(gatewayModerate.Result.Ok + gatewayModerate.Result.Failed, idle));
        context.Figures("intake via gateway", [.. gatewayProbes, atTarget, gatewayModerate]);

        context.Log.WriteLine("Step 3: referrals straight to Intake");
        var (directBest, directProbes) = await context.SearchAsync("direct POST referral", direct);
        var directRate = directBest?.Result.TargetRate ?? 0;
        report.Add(new ResultRow("3 intake direct", "highest sustained referral rate, req/s (p99 ≤ 50 ms, no errors)",
            $"{Format.N(directRate)} (achieved {Format.N(directBest?.Result.Throughput ?? 0, 1)})", $"{Format.Ratio(directRate / postgres)} of PostgreSQL",
            "", null, directBest?.CpuMsPerOp, directBest?.Memory ?? ""));
        report.Add(new ResultRow("3 intake direct", "gateway's cost: gateway ÷ direct highest sustained rate (referrals)",
            Format.Ratio(gatewayRate / directRate), "", "≥ 0.85", gatewayRate / directRate >= 0.85,
            gatewayBest is not null && directBest is not null ? gatewayBest.CpuMsPerOp - directBest.CpuMsPerOp : null, "CPU: gateway's extra per request"));
        await Task.Delay(TimeSpan.FromSeconds(profile.IsSmoke ? 1 : 5), context.Cancellation);
        byProcess = CpuByProcess.Mark(context.Processes);
        var directModerate = await context.RunAsync("direct POST referral (moderate)", moderate, profile.Fixed, direct);
        await Task.Delay(TimeSpan.FromSeconds(profile.IsSmoke ? 1 : 3), context.Cancellation);
        context.ReportByProcess("3 intake direct", "CPU-ms per referral by process at the same moderate rate, idle taken off",
            byProcess.PerOperation(directModerate.Result.Ok + directModerate.Result.Failed, idle));
        report.Add(new ResultRow("3 intake direct", $"latency at the same moderate {Format.N(moderate)} req/s",
            Format.Percentiles(directModerate.Result.Latency), $"gateway adds p50 {Format.Ms(gatewayModerate.Result.Latency.P50 - directModerate.Result.Latency.P50)}",
            "", null, directModerate.CpuMsPerOp, directModerate.Memory));
        context.Figures("intake direct", [.. directProbes, directModerate]);

        return new Figures(gatewayRate, directRate, postgres, outboxRows);
    }

    private static async Task<bool> SubmitAsync(StepContext context, HttpClient client, CancellationToken ct)
    {
        var referral = await PlatformApi.SubmitReferralAsync(client, ct);
        if (referral is null) return false;
        lock (context.Referrals) if (context.Referrals.Count < 10_000) context.Referrals.Add(referral.Id);
        return true;
    }
}
