using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Platform.Jobs;

/// <summary>
/// What an operator's alerts need from background jobs (docs/operations.md, "Alerts"): that each job
/// keeps succeeding (<c>platform.jobs.last_success</c>, a Unix time per job: an alert compares it with
/// now, so a job that hangs or dies shows as growing age, not as a number that stops moving), how its
/// passes end, and for deadline sweeps how many due rows each pass found and how many deadlines fired.
/// A sweep that keeps finding due rows pass after pass for minutes is behind; fired deadlines are the
/// statutory clocks that ran out (a business signal per job).
/// Every instrument is observable (read when the exporter collects): passes run inside
/// <see cref="JobTelemetry.Quiet"/>, which suppresses instrumentation, and these figures must not be.
/// </summary>
public static class JobMetrics
{
    public const string MeterName = "Platform.Jobs";
    /// <summary>The jobs' one meter; <see cref="ClockMetrics"/> adds the clock check's figure to it.</summary>
    internal static readonly Meter Meter = new(MeterName);
    private static readonly ConcurrentDictionary<string, long> LastSuccess = new();
    private static readonly ConcurrentDictionary<string, long> LastDue = new();
    private static readonly ConcurrentDictionary<string, long> Fired = new();
    private static readonly ConcurrentDictionary<(string Job, string Outcome), long> Passes = new();

    static JobMetrics()
    {
        Meter.CreateObservableGauge("platform.jobs.last_success", () => ByJob(LastSuccess),
            "s", "Unix time of the job's last pass that ended without an error.");
        Meter.CreateObservableCounter("platform.jobs.passes", () => Passes.Select(p => new Measurement<long>(p.Value,
                new KeyValuePair<string, object?>("job.name", p.Key.Job), new KeyValuePair<string, object?>("outcome", p.Key.Outcome))),
            "{pass}", "Passes of a background job, by job and outcome (ok, failed).");
        Meter.CreateObservableGauge("platform.jobs.deadlines.due", () => ByJob(LastDue),
            "{row}", "Due rows the sweep's last pass found (at most its batch size).");
        Meter.CreateObservableCounter("platform.jobs.deadlines.fired", () => ByJob(Fired),
            "{deadline}", "Deadlines a sweep acted on (a statutory term that ran out, a reminder that fell due), by job.");
    }

    private static IEnumerable<Measurement<long>> ByJob(ConcurrentDictionary<string, long> values) =>
        values.Select(j => new Measurement<long>(j.Value, new KeyValuePair<string, object?>("job.name", j.Key)));

    public static void PassSucceeded(string job, DateTimeOffset at)
    {
        LastSuccess[job] = at.ToUnixTimeSeconds();
        Passes.AddOrUpdate((job, "ok"), 1, (_, n) => n + 1);
    }

    public static void PassFailed(string job) => Passes.AddOrUpdate((job, "failed"), 1, (_, n) => n + 1);

    public static void SweepFound(string job, int due, int fired)
    {
        LastDue[job] = due;
        if (fired > 0) Fired.AddOrUpdate(job, fired, (_, n) => n + fired);
    }
}
