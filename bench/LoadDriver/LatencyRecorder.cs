using System.Diagnostics;
using HdrHistogram;

namespace Platform.Bench.LoadDriver;

/// <summary>Latencies in microseconds in an HdrHistogram (1 µs to 5 min, 3 significant digits), safe from many threads.</summary>
public sealed class LatencyRecorder
{
    private readonly LongConcurrentHistogram _histogram = new(1, 300_000_000, 3);

    public void RecordSince(long startTimestamp) => Record(Stopwatch.GetElapsedTime(startTimestamp));

    public void Record(TimeSpan latency) => _histogram.RecordValue(Math.Clamp((long)(latency.Ticks / 10.0), 1, 300_000_000));

    public long Count => _histogram.TotalCount;

    public Percentiles Percentiles() => _histogram.TotalCount == 0
        ? new Percentiles(0, 0, 0, 0, 0)
        : new Percentiles(
            _histogram.TotalCount,
            _histogram.GetValueAtPercentile(50) / 1000.0,
            _histogram.GetValueAtPercentile(95) / 1000.0,
            _histogram.GetValueAtPercentile(99) / 1000.0,
            _histogram.GetMaxValue() / 1000.0);
}

/// <summary>Latency percentiles in milliseconds.</summary>
public readonly record struct Percentiles(long Count, double P50, double P95, double P99, double Max);
