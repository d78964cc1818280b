namespace Platform.EndToEnd.Tests.Soak;

/// <summary>
/// One look at the platform during the soak: each resource's private memory (RssAnon, MiB), each .NET service's managed
/// heap after its last garbage collection (MiB, from its own runtime metrics), the messages waiting in the broker's
/// queues (ready and unacknowledged), the rows waiting in every service's outbox, the journeys so far, and what the
/// broker's Erlang runtime holds its memory in (processes, binaries, ETS tables…: MiB, from its own metrics), which
/// says why the broker grows where it does.
/// </summary>
public sealed record SoakSample(
    TimeSpan At, IReadOnlyDictionary<string, double> MemoryMiB, IReadOnlyDictionary<string, double> HeapMiB, long? QueueReady, long? QueueUnacked,
    long OutboxRows, int JourneysStarted, int JourneysAccepted, IReadOnlyDictionary<string, double> BrokerMiB);

/// <summary>What the soak concludes from its samples: does anything grow once the platform has warmed up?</summary>
public static class SoakVerdict
{
    /// <summary>Growth over the measured span that still counts as flat: a tenth of the level, and never less than 16 MiB.</summary>
    public static double AllowedGrowthMiB(double level) => Math.Max(16, level * 0.10);

    /// <summary>
    /// Least-squares slope of a resource's memory over the samples after the warm-up, in MiB per hour, and the growth it
    /// implies over that span. One sample's noise (a GC that has not run yet) does not decide it; a steady climb does.
    /// </summary>
    public static (double MiBPerHour, double GrowthMiB, double Level) Trend(
        IReadOnlyList<SoakSample> samples, string resource, TimeSpan warmUp, Func<SoakSample, IReadOnlyDictionary<string, double>> figure)
    {
        var points = samples.Where(s => s.At >= warmUp && figure(s).ContainsKey(resource))
            .Select(s => (X: s.At.TotalHours, Y: figure(s)[resource])).ToList();
        if (points.Count < 3) return (0, 0, points.Count == 0 ? 0 : points.Average(p => p.Y));
        var meanX = points.Average(p => p.X);
        var meanY = points.Average(p => p.Y);
        var slope = points.Sum(p => (p.X - meanX) * (p.Y - meanY)) / points.Sum(p => (p.X - meanX) * (p.X - meanX));
        var span = points[^1].X - points[0].X;
        return (slope, slope * span, meanY);
    }

    /// <summary>A backlog that grows: the later half's highest value well above the earlier half's (and above a floor).</summary>
    public static bool Grows(IReadOnlyList<long> values, long floor)
    {
        if (values.Count < 4) return false;
        var half = values.Count / 2;
        var earlier = values.Take(half).Max();
        var later = values.Skip(half).Max();
        return later > Math.Max(floor, earlier * 2);
    }
}
