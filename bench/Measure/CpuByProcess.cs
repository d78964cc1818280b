using System.Diagnostics;

namespace Platform.Bench.Measure;

/// <summary>
/// CPU of each platform process (by Aspire resource) between a mark and now: where an operation's
/// cost goes. Also what the platform burns with nothing to do (timers, health checks, the outbox
/// relays' polls, the OTLP exporters, PostgreSQL's and RabbitMQ's housekeeping), so that a step at a
/// few dozen operations a second can tell the operations' own cost from the idle platform's.
/// </summary>
public sealed class CpuByProcess
{
    private readonly PlatformProcesses _processes;
    private readonly Dictionary<string, double> _before;
    private readonly long _at;

    private CpuByProcess(PlatformProcesses processes)
    {
        _processes = processes;
        _before = processes.ByResource.ToDictionary(r => r.Key, r => r.Value.CpuMilliseconds());
        _at = Stopwatch.GetTimestamp();
    }

    public static CpuByProcess Mark(PlatformProcesses processes) => new(processes);

    /// <summary>CPU-ms per process since the mark, and the seconds it covers.</summary>
    public (IReadOnlyDictionary<string, double> Ms, double Seconds) Since() =>
        (_processes.ByResource.ToDictionary(r => r.Key, r => r.Value.CpuMilliseconds() - _before[r.Key]),
         Stopwatch.GetElapsedTime(_at).TotalSeconds);

    /// <summary>CPU-ms per second of each process over a quiet window: the idle platform.</summary>
    public static async Task<IReadOnlyDictionary<string, double>> IdleAsync(PlatformProcesses processes, TimeSpan window, CancellationToken ct)
    {
        var mark = Mark(processes);
        await Task.Delay(window, ct);
        var (ms, seconds) = mark.Since();
        return ms.ToDictionary(p => p.Key, p => p.Value / seconds);
    }

    /// <summary>
    /// Each process's CPU-ms per operation since the mark, less what it burns idle over the same seconds
    /// (never below zero), largest first.
    /// </summary>
    public IReadOnlyList<(string Process, double MsPerOp)> PerOperation(long operations, IReadOnlyDictionary<string, double>? idlePerSecond = null)
    {
        var (ms, seconds) = Since();
        return [.. ms.Select(p => (Process: p.Key, MsPerOp: Math.Max(0, p.Value - (idlePerSecond?.GetValueOrDefault(p.Key) ?? 0) * seconds) / Math.Max(1, operations)))
            .Where(p => p.MsPerOp >= 0.01)
            .OrderByDescending(p => p.MsPerOp)];
    }
}
