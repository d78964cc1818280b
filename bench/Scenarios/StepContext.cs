using Platform.Bench.LoadDriver;
using Platform.Bench.Measure;
using Platform.Bench.Platform;
using Platform.Bench.Report;

namespace Platform.Bench.Scenarios;

/// <summary>What every step works with, and the measuring around an open-model run.</summary>
public sealed class StepContext
{
    public required BenchTarget Target { get; init; }
    public required PlatformApi Api { get; init; }
    public required BenchProfile Profile { get; init; }
    public required BenchReport Report { get; init; }
    public required TextWriter Log { get; init; }
    public required CancellationToken Cancellation { get; init; }

    /// <summary>Referrals made by the write steps, for the read steps.</summary>
    public List<Guid> Referrals { get; } = [];

    /// <summary>
    /// The cases of (up to 500 of) those referrals, read back as their referrer does: a referral's
    /// answer names no case, so that it tells a stranger nothing about a known child (#25).
    /// </summary>
    public async Task<Guid[]> CasesAsync(HttpClient referrer)
    {
        Guid[] referrals;
        lock (Referrals) referrals = [.. Referrals.Take(500)];
        var cases = new List<Guid>();
        foreach (var referral in referrals)
            if (await PlatformApi.CaseOfReferralAsync(referrer, referral, Cancellation) is { } found) cases.Add(found);
        return [.. cases.Distinct()];
    }

    public PlatformProcesses Processes => Target.Processes;

    /// <summary>The broker's limits from step 1, for the event steps' ratios.</summary>
    public double RabbitSinglePerSecond { get; set; }
    public double RabbitPerSecond { get; set; }

    /// <summary>One open-model run with the platform's CPU and memory measured around it.</summary>
    public async Task<Measured> RunAsync(string label, double rate, TimeSpan duration, Operation operation, ProcessTree? tree = null)
    {
        using var usage = Processes.Mark(tree);
        var result = await OpenLoad.RunAsync(rate, duration, operation, Profile.MaxInFlight, Cancellation);
        var (cpu, rss) = usage.Now();
        var measured = new Measured(result, result.Ok + result.Failed > 0 ? cpu / (result.Ok + result.Failed) : 0, rss, usage.PeakRss);
        Log.WriteLine($"  {label} @ {Format.N(rate)}/s: {Format.N(result.Throughput, 1)}/s ok={result.Ok} failed={result.Failed} "
                      + $"{Format.Percentiles(result.Latency)} in-flight≤{result.PeakInFlight}{(result.Overloaded ? " OVERLOADED" : "")} cpu={Format.N(measured.CpuMsPerOp, 2)} ms/op");
        return measured;
    }

    /// <summary>The highest sustained rate (p99 ≤ 50 ms, no errors), each probe measured.</summary>
    public async Task<(Measured? Best, IReadOnlyList<Measured> Probes)> SearchAsync(string label, Operation operation)
    {
        var probes = new List<Measured>();
        var outcome = await RateSearch.FindAsync(Profile.SearchStart, Profile.SearchCeiling, Profile.Refinements, BenchProfile.P99BoundMs,
            async rate =>
            {
                var m = await RunAsync(label, rate, Profile.Probe, operation);
                probes.Add(m);
                return m.Result;
            }, Cancellation);
        return (probes.FirstOrDefault(p => ReferenceEquals(p.Result, outcome.Best)), probes);
    }

    /// <summary>One row naming each process's CPU-ms per operation (<see cref="CpuByProcess.PerOperation"/>), the total in the CPU column.</summary>
    public void ReportByProcess(string step, string measure, IReadOnlyList<(string Process, double MsPerOp)> shares) =>
        Report.Add(new ResultRow(step, measure, string.Join(", ", shares.Select(p => $"{p.Process} {Format.N(p.MsPerOp, 2)}")),
            "", "", null, shares.Sum(p => p.MsPerOp)));

    public void Figures(string step, IEnumerable<Measured> runs)
    {
        var list = runs.ToList();
        Report.Figures(step, list.Sum(r => r.Result.Ok), list.Sum(r => r.Result.Failed));
    }
}

public sealed record Measured(LoadResult Result, double CpuMsPerOp, double RssMiB, double PeakRssMiB)
{
    public string Memory => $"{Format.MiB(RssMiB)} (peak {Format.MiB(PeakRssMiB)})";
}
