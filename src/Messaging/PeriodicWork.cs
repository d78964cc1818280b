using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Platform.Messaging;

/// <summary>
/// A background job that runs every <see cref="Interval"/> on the service's <see cref="TimeProvider"/>
/// (so tests drive it with a fake clock), survives its own failures, and can be switched off for
/// tests and tools that call <see cref="RunOnceAsync"/> themselves. Durable timers, inbox cleanup.
/// </summary>
public abstract partial class PeriodicWork(TimeProvider clock, ILogger logger) : BackgroundService
{
    protected TimeProvider Clock { get; } = clock;
    protected ILogger Logger { get; } = logger;

    protected abstract bool Enabled { get; }
    protected abstract TimeSpan Interval { get; }

    /// <summary>One pass. Returns how many things it did.</summary>
    public abstract Task<int> RunOnceAsync(CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(Logger, ex, GetType().Name);
            }
            await Task.Delay(Interval, Clock, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Job} failed; it runs again at its next interval.")]
    private static partial void LogFailed(ILogger logger, Exception ex, string job);
}
