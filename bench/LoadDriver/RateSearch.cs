namespace Platform.Bench.LoadDriver;

/// <summary>
/// The highest constant arrival rate an operation sustains with p99 under a bound: doubles the
/// rate from <c>start</c> until a probe fails, then bisects between the last pass and the first
/// failure. Each probe is a separate open-model run; a failed doubling probe is repeated once.
/// </summary>
public static class RateSearch
{
    public sealed record Outcome(LoadResult? Best, IReadOnlyList<LoadResult> Probes);

    public static async Task<Outcome> FindAsync(
        double start, double ceiling, int refinements, double p99Ms, Func<double, Task<LoadResult>> probe, CancellationToken ct)
    {
        var probes = new List<LoadResult>();
        LoadResult? best = null;
        double? failedAt = null;
        for (var rate = start; rate <= ceiling; rate *= 2)
        {
            var result = await probe(rate);
            probes.Add(result);
            if (!result.Sustains(p99Ms))
            {
                // On a shared machine one stall can carry a short probe's p99: a failure counts only when it repeats.
                await Task.Delay(TimeSpan.FromSeconds(2), ct);
                result = await probe(rate);
                probes.Add(result);
            }
            if (!result.Sustains(p99Ms)) { failedAt = rate; break; }
            best = result;
            await Task.Delay(TimeSpan.FromSeconds(1), ct);
        }
        var low = best?.TargetRate ?? 0;
        if (failedAt is { } high)
            for (var i = 0; i < refinements && high - low > Math.Max(2, low * 0.05); i++)
            {
                // Let the queues a failed probe left behind (outbox, broker, thread pool) empty first.
                await Task.Delay(TimeSpan.FromSeconds(3), ct);
                var rate = Math.Round((low + high) / 2);
                var result = await probe(rate);
                probes.Add(result);
                if (result.Sustains(p99Ms)) { best = result; low = rate; }
                else high = rate;
            }
        return new Outcome(best, probes);
    }
}
