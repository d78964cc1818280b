using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Platform.Jobs;

/// <summary>
/// A background job that runs every <see cref="Interval"/> on the service's <see cref="TimeProvider"/>
/// (so tests drive it with a fake clock) and survives its own failures. Register it with
/// <see cref="JobsRegistration.AddJob{TJob}"/>: it then runs only while <c>Jobs:Enabled</c> and its own
/// <see cref="Enabled"/> setting are on; tests and tools switch it off and call <see cref="RunOnceAsync"/>.
/// Each pass runs quiet (<see cref="JobTelemetry"/>): an idle pass leaves no trace, a pass that did
/// work leaves one span, or the job's own span where it <see cref="TracesItsWork"/>.
/// </summary>
public abstract partial class PeriodicWork(TimeProvider clock, ILogger logger) : BackgroundService
{
    protected TimeProvider Clock { get; } = clock;
    protected ILogger Logger { get; } = logger;

    /// <summary>The job's own switch (its existing setting); <c>Jobs:Enabled</c> switches all of them.</summary>
    protected abstract bool Enabled { get; }
    protected abstract TimeSpan Interval { get; }

    /// <summary>True when the job starts its own span for the work it finds (a deadline sweep does).</summary>
    protected virtual bool TracesItsWork => false;

    /// <summary>One pass. Returns how many things it did.</summary>
    public abstract Task<int> RunOnceAsync(CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunQuietAsync(stoppingToken);
                JobMetrics.PassSucceeded(GetType().Name, DateTimeOffset.UtcNow);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                JobMetrics.PassFailed(GetType().Name);
                LogFailed(Logger, ex, GetType().Name);
            }
            await Task.Delay(Interval, Clock, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>One pass as the loop runs it: untraced unless it did work.</summary>
    public async Task<int> RunQuietAsync(CancellationToken ct)
    {
        var started = DateTimeOffset.UtcNow;
        int done;
        using (JobTelemetry.Quiet()) done = await RunOnceAsync(ct);
        // Its database calls went untraced: the span says that the pass ran, when and how much it did.
        if (done > 0 && !TracesItsWork) JobTelemetry.StartWork(GetType().Name, done, startTime: started).Dispose();
        return done;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Job} failed; it runs again at its next interval.")]
    private static partial void LogFailed(ILogger logger, Exception ex, string job);
}
