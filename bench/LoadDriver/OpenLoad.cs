using System.Diagnostics;

namespace Platform.Bench.LoadDriver;

/// <summary>One request of a load run: returns whether it succeeded. The token stops it at the run's end.</summary>
public delegate Task<bool> Operation(long sequence, CancellationToken ct);

/// <summary>
/// An open-model load driver: requests are scheduled at a constant arrival rate, never held back
/// by slow answers, and each latency is measured from the time the request was meant to be sent
/// (so a stall is counted against every request scheduled during it: no coordinated omission).
/// </summary>
public static class OpenLoad
{
    public static async Task<LoadResult> RunAsync(double rate, TimeSpan duration, Operation operation, int maxInFlight, CancellationToken ct)
    {
        var latencies = new LatencyRecorder();
        var total = Math.Max(1, (long)Math.Round(rate * duration.TotalSeconds));
        var interval = Stopwatch.Frequency / rate;
        long ok = 0, failed = 0, inFlight = 0, peakInFlight = 0;
        var overloaded = false;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var running = new List<Task>((int)Math.Min(total, 1_000_000));
        var start = Stopwatch.GetTimestamp();

        long next = 0;
        while (next < total && !ct.IsCancellationRequested)
        {
            var now = Stopwatch.GetTimestamp();
            // Everything due by now goes out at once; the schedule never waits for an answer.
            while (next < total && start + (long)(next * interval) <= now)
            {
                if (Interlocked.Read(ref inFlight) >= maxInFlight) { overloaded = true; break; }
                var intended = start + (long)(next * interval);
                var sequence = next++;
                var current = Interlocked.Increment(ref inFlight);
                if (current > Interlocked.Read(ref peakInFlight)) Interlocked.Exchange(ref peakInFlight, current);
                running.Add(Task.Run(async () =>
                {
                    bool success;
                    try { success = await operation(sequence, stop.Token); }
                    catch (Exception) when (!ct.IsCancellationRequested) { success = false; }
                    latencies.RecordSince(intended);
                    Interlocked.Increment(ref success ? ref ok : ref failed);
                    Interlocked.Decrement(ref inFlight);
                }, CancellationToken.None));
            }
            if (overloaded) break;
            var due = start + (long)(next * interval);
            var wait = (due - Stopwatch.GetTimestamp()) * 1000.0 / Stopwatch.Frequency;
            if (wait > 1.5) await Task.Delay(TimeSpan.FromMilliseconds(wait - 1), ct);
            else if (wait > 0) Thread.Yield();
        }
        var scheduleEnd = Stopwatch.GetTimestamp();

        // Late answers still count: they are the slowest ones. Past 30 s they are abandoned as failures.
        var drained = Task.WhenAll(running);
        if (await Task.WhenAny(drained, Task.Delay(TimeSpan.FromSeconds(30), CancellationToken.None)) != drained)
            await stop.CancelAsync();
        try { await drained.WaitAsync(TimeSpan.FromSeconds(10), CancellationToken.None); } catch (TimeoutException) { }
        var end = Stopwatch.GetTimestamp();

        var elapsed = Stopwatch.GetElapsedTime(start, end);
        return new LoadResult(
            rate, next, Interlocked.Read(ref ok), Interlocked.Read(ref failed) + (total - next),
            Stopwatch.GetElapsedTime(start, scheduleEnd), elapsed, latencies.Percentiles(), Interlocked.Read(ref peakInFlight), overloaded);
    }
}

/// <summary>
/// What an open-model run did. <see cref="Throughput"/> is successful requests per second over the
/// whole run, the wait for the last answers included.
/// </summary>
public sealed record LoadResult(
    double TargetRate, long Sent, long Ok, long Failed, TimeSpan Scheduled, TimeSpan Elapsed,
    Percentiles Latency, long PeakInFlight, bool Overloaded)
{
    public double Throughput => Elapsed.TotalSeconds > 0 ? Ok / Elapsed.TotalSeconds : 0;

    /// <summary>Sustained: no errors, nothing left unsent, the rate kept (within 5%), and p99 within <paramref name="p99Ms"/>.</summary>
    public bool Sustains(double p99Ms) =>
        !Overloaded && Failed == 0 && Ok > 0 && Throughput >= TargetRate * 0.95 && Latency.P99 <= p99Ms;
}
