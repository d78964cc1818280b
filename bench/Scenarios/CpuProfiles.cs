using Platform.Bench.LoadDriver;
using Platform.Bench.Measure;
using Platform.Bench.Report;

namespace Platform.Bench.Scenarios;

/// <summary>
/// Step "profile": where a referral's CPU and a case read's CPU go, with <see cref="CpuProfile"/> (perf, every core) while a
/// fixed rate runs through the gateway. The table gets each window's shares by process and module and the hottest functions
/// of Intake and the gateway (inclusive); the full reports go next to the results file.
/// </summary>
public static class CpuProfiles
{
    public const string Step = "profile";

    public static async Task RunAsync(StepContext context)
    {
        var (api, profile, log, ct) = (context.Api, context.Profile, context.Log, context.Cancellation);
        log.WriteLine("Step profile: where a referral's and a case read's CPU goes (perf, all CPUs)");
        var rate = profile.IsSmoke ? profile.ModerateRate : 30;
        var window = profile.IsSmoke ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(30);
        if (!profile.IsSmoke)
        {
            // Warm, as the write step does: JIT tiers settled before anything is sampled.
            await OpenLoad.RunAsync(rate, TimeSpan.FromSeconds(30), (_, t) => Submit(context, t), 500, ct);
            await Task.Delay(TimeSpan.FromSeconds(5), ct);
        }
        var referrals = await ProfileAsync(context, $"referral POST via gateway at {Format.N(rate)}/s", rate, window, (_, t) => Submit(context, t));

        var cases = await context.CasesAsync(api.Gateway);
        if (cases.Length == 0) throw new InvalidOperationException("No cases to read: the referrals made none.");
        var reads = await ProfileAsync(context, $"case GET via gateway at {Format.N(rate * 2)}/s", rate * 2, window,
            (i, t) => PlatformApi.GetOkAsync(api.Gateway, $"/api/intake/cases/{cases[i % cases.Length]}", t));
        context.Figures("cpu profiles", [referrals, reads]);
    }

    private static async Task<bool> Submit(StepContext context, CancellationToken ct)
    {
        var referral = await PlatformApi.SubmitReferralAsync(context.Api.Gateway, ct);
        if (referral is null) return false;
        lock (context.Referrals) if (context.Referrals.Count < 10_000) context.Referrals.Add(referral.Id);
        return true;
    }

    private static async Task<Measured> ProfileAsync(StepContext context, string what, double rate, TimeSpan window, Operation operation)
    {
        var (report, ct) = (context.Report, context.Cancellation);
        var idle = await CpuByProcess.IdleAsync(context.Processes, TimeSpan.FromSeconds(context.Profile.IsSmoke ? 1 : 5), ct);
        var byProcess = CpuByProcess.Mark(context.Processes);
        // perf takes a moment to start sampling every core, and the consumers finish after the last answer: it records from a
        // second before the load until two seconds after it.
        var recording = CpuProfile.RecordAsync(window + TimeSpan.FromSeconds(context.Profile.IsSmoke ? 2 : 3), ct);
        await Task.Delay(TimeSpan.FromSeconds(1), ct);
        var measured = await context.RunAsync($"{what} (profiled)", rate, window, operation);
        var (profile, why) = await recording;
        context.ReportByProcess(Step, $"{what}: CPU-ms per request by process (from /proc), the idle platform's CPU over the same seconds taken off "
            + $"(idle: {Format.N(idle.Values.Sum())} CPU-ms/s in all)", byProcess.PerOperation(measured.Result.Ok + measured.Result.Failed, idle));
        if (profile is null)
        {
            report.Add(new ResultRow($"{Step}", $"{what}: CPU profile", $"not recorded: {why}", "", "", null, measured.CpuMsPerOp));
            return measured;
        }
        await ReportAsync(context, Step, what, profile, window, measured.CpuMsPerOp, ["intake", "gateway"],
            what.StartsWith("referral", StringComparison.Ordinal) ? "profile-referral" : "profile-case-read");
        return measured;
    }

    /// <summary>
    /// A recorded profile into the table: shares by process and the named resources' functions (inclusive and own); the full
    /// per-resource report (modules and functions) next to the results file (not in the smoke profile). Deletes the recording.
    /// </summary>
    public static async Task ReportAsync(StepContext context, string step, string what, CpuProfile profile, TimeSpan window, double? cpuMsPerOp,
        string[] functionsOf, string attachment)
    {
        var (report, ct) = (context.Report, context.Cancellation);
        try
        {
            var shares = new List<(string Process, double Percent)>();
            foreach (var (resource, tree) in context.Processes.ByResource) shares.Add((resource, await profile.ShareAsync(tree, ct)));
            shares = [.. shares.Where(p => p.Percent >= 0.1).OrderByDescending(p => p.Percent)];
            report.Add(new ResultRow(step, $"{what}: share of busy CPU samples by process (perf, {Format.N(window.TotalSeconds)} s, {Environment.ProcessorCount} cores)",
                string.Join(", ", shares.Take(12).Select(p => $"{p.Process} {Format.N(p.Percent, 1)}%")), "", "", null, cpuMsPerOp));
            foreach (var resource in functionsOf)
            {
                if (!context.Processes.ByResource.TryGetValue(resource, out var tree)) continue;
                foreach (var bySelf in new[] { false, true })
                {
                    var functions = await profile.FunctionsAsync(tree, 14, bySelf, ct);
                    report.Add(new ResultRow(step, $"{what}: {resource}'s functions by {(bySelf ? "own CPU (self)" : "CPU with what they call (inclusive)")}, inclusive (self) % of busy samples",
                        functions.Count == 0 ? "no samples" : string.Join(", ", functions.Select(f => $"{f.Function} {Format.N(f.Inclusive, 1)} ({Format.N(f.Self, 1)})"))));
                }
            }
            // The full reports are for the results folder: the smoke profile (CI) has none, and skips their cost.
            if (!context.Profile.IsSmoke) report.Attachments[attachment] = await profile.TextAsync(context.Processes.ByResource, ct);
        }
        finally
        {
            profile.Delete();
        }
    }
}
