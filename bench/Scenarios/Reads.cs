using Platform.Bench.LoadDriver;
using Platform.Bench.Measure;
using Platform.Bench.Report;

namespace Platform.Bench.Scenarios;

/// <summary>
/// Step 6: reads. A case (GET /api/intake/cases/{id}, database-backed and audited) through the
/// gateway and directly, and the regional indicators (GET /api/monitoring/indicators) through the gateway.
/// </summary>
public static class Reads
{
    public static async Task RunAsync(StepContext context)
    {
        var (api, report) = (context.Api, context.Report);
        context.Log.WriteLine("Step 6: reads");
        var cases = await context.CasesAsync(api.Gateway) is { Length: > 0 } made ? made : throw new InvalidOperationException("No cases to read: the write steps made none.");
        Operation caseVia(HttpClient client) => (sequence, ct) => PlatformApi.GetOkAsync(client, $"/api/intake/cases/{cases[sequence % cases.Length]}", ct);

        var (gateway, gatewayProbes) = await context.SearchAsync("gateway GET case", caseVia(api.Gateway));
        var (direct, directProbes) = await context.SearchAsync("direct GET case", caseVia(api.Intake));
        var (gatewayRate, directRate) = (gateway?.Result.TargetRate ?? 0, direct?.Result.TargetRate ?? 0);
        Row(report, "6 reads", "case GET via gateway: highest sustained req/s (p99 ≤ 50 ms)", gateway);
        Row(report, "6 reads", "case GET direct to Intake: highest sustained req/s", direct);
        report.Add(new ResultRow("6 reads", "gateway's cost: gateway ÷ direct highest sustained rate (case GET)",
            Format.Ratio(gatewayRate / directRate), "", "≥ 0.85", gatewayRate / directRate >= 0.85,
            gateway is not null && direct is not null ? gateway.CpuMsPerOp - direct.CpuMsPerOp : null, "CPU: gateway's extra per request"));
        // Where a read's CPU goes, by process, at one rate both paths sustain: the gateway's own share is what the ratio pays for.
        var fixedRate = context.Profile.IsSmoke ? context.Profile.ModerateRate : Math.Max(5, Math.Round(Math.Min(gatewayRate, directRate) * 0.5));
        // The searches' last probes leave access-log records for Audit: a pause, then a quiet window for the idle platform's CPU.
        await Task.Delay(TimeSpan.FromSeconds(context.Profile.IsSmoke ? 1 : 5), context.Cancellation);
        var idle = await CpuByProcess.IdleAsync(context.Processes, TimeSpan.FromSeconds(context.Profile.IsSmoke ? 1 : 5), context.Cancellation);
        var fixedRuns = new List<Measured>();
        var cpuPerRead = new Dictionary<string, double>();
        foreach (var (path, client) in new[] { ("via gateway", api.Gateway), ("direct", api.Intake) })
        {
            await Task.Delay(TimeSpan.FromSeconds(context.Profile.IsSmoke ? 0.5 : 3), context.Cancellation);
            var byProcess = CpuByProcess.Mark(context.Processes);
            var run = await context.RunAsync($"{path} GET case (fixed)", fixedRate, context.Profile.Fixed, caseVia(client));
            fixedRuns.Add(run);
            // Each read writes an access-log record that Audit consumes after the answer.
            await Task.Delay(TimeSpan.FromSeconds(context.Profile.IsSmoke ? 1 : 3), context.Cancellation);
            var shares = byProcess.PerOperation(run.Result.Ok + run.Result.Failed, idle);
            cpuPerRead[path] = shares.Sum(s => s.MsPerOp);
            context.ReportByProcess("6 reads", $"case GET {path} at {Format.N(fixedRate)} req/s: CPU-ms per read by process, idle taken off; "
                + $"latency {Format.Percentiles(run.Result.Latency)}", shares);
        }
        // On a machine whose cores bound both paths, the rate each sustains goes as the inverse of its CPU per read: the ratio
        // of the two, measured at the same rate a few seconds apart, is the gateway's cost without the rate search's noise
        // (an 8 s probe fails on one slow answer; on a shared machine the two searches meet different neighbours).
        if (cpuPerRead["via gateway"] > 0)
        {
            var ratio = cpuPerRead["direct"] / cpuPerRead["via gateway"];
            report.Add(new ResultRow("6 reads", "gateway's cost from CPU: direct ÷ via-gateway CPU-ms per case read at the same rate (the capacity ratio when CPU bounds both)",
                $"{Format.N(cpuPerRead["direct"], 2)} ÷ {Format.N(cpuPerRead["via gateway"], 2)} = {Format.Ratio(ratio)}", "", "≥ 0.85", ratio >= 0.85,
                cpuPerRead["via gateway"] - cpuPerRead["direct"], "CPU: gateway's extra per request"));
        }
        context.Figures("case reads", [.. gatewayProbes, .. directProbes, .. fixedRuns]);

        Operation indicators = (_, ct) => PlatformApi.GetOkAsync(api.Gateway, "/api/monitoring/indicators", ct);
        var (best, probes) = await context.SearchAsync("gateway GET indicators", indicators);
        Row(report, "6 reads", "indicators GET via gateway: highest sustained req/s", best);
        context.Figures("indicator reads", probes);
    }

    private static void Row(BenchReport report, string step, string measure, Measured? best) => report.Add(new ResultRow(step, measure,
        best is null ? "none sustained" : $"{Format.N(best.Result.TargetRate)} ({Format.Percentiles(best.Result.Latency)})",
        "", "", null, best?.CpuMsPerOp, best?.Memory ?? ""));
}
