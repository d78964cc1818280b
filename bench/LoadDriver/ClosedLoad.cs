using System.Diagnostics;

namespace Platform.Bench.LoadDriver;

/// <summary>
/// A closed-loop driver for the machine's limits: <c>concurrency</c> workers each repeat the
/// operation as fast as it completes. That is how a ceiling is found (not how users behave).
/// </summary>
public static class ClosedLoad
{
    public static async Task<LoadResult> RunAsync(int concurrency, TimeSpan duration, Func<int, CancellationToken, Task> operation, CancellationToken ct)
    {
        var latencies = new LatencyRecorder();
        long ok = 0, failed = 0;
        var start = Stopwatch.GetTimestamp();
        var until = start + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var workers = Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
        {
            while (Stopwatch.GetTimestamp() < until && !ct.IsCancellationRequested)
            {
                var began = Stopwatch.GetTimestamp();
                try
                {
                    await operation(worker, ct);
                    latencies.RecordSince(began);
                    Interlocked.Increment(ref ok);
                }
                catch (Exception) when (!ct.IsCancellationRequested)
                {
                    Interlocked.Increment(ref failed);
                }
            }
        }, ct)).ToList();
        await Task.WhenAll(workers);
        var elapsed = Stopwatch.GetElapsedTime(start);
        return new LoadResult(0, ok + failed, ok, failed, elapsed, elapsed, latencies.Percentiles(), concurrency, false);
    }
}
