using System.Diagnostics;
using OpenTelemetry;

namespace Platform.Jobs;

/// <summary>
/// Traces of background jobs. A pass that finds nothing to do leaves no span at all: it runs
/// <see cref="Quiet"/>, with no current activity and instrumentation suppressed, so its poll
/// queries never reach the dashboard and bury the journeys. A pass that finds work starts the job's
/// own span (<see cref="StartWork"/>) and its database calls and the events it raises are its children.
/// </summary>
public static class JobTelemetry
{
    public const string SourceName = "Platform.Jobs";
    public static readonly ActivitySource Source = new(SourceName);

    /// <summary>Until disposed, nothing this flow does is traced (database spans included).</summary>
    public static IDisposable Quiet() => new QuietScope();

    /// <summary>
    /// The root span of a pass that found <paramref name="items"/> things to do; instrumentation is on
    /// again beneath it until it is disposed. <paramref name="links"/> point at the journeys that caused the work.
    /// </summary>
    public static WorkSpan StartWork(string job, int items, IEnumerable<ActivityLink>? links = null, DateTimeOffset startTime = default)
    {
        var traced = SuppressInstrumentationScope.Begin(false);
        // Explicitly no parent: a job's pass is its own trace, linked to (not part of) the journeys it follows up.
        var activity = Source.StartActivity($"job {job}", ActivityKind.Internal, default(ActivityContext), links: links, startTime: startTime);
        activity?.SetTag("job.name", job);
        activity?.SetTag("job.items", items);
        return new WorkSpan(activity, traced);
    }

    private sealed class QuietScope : IDisposable
    {
        private readonly Activity? _previous = Activity.Current;
        private readonly IDisposable _suppressed;

        public QuietScope()
        {
            Activity.Current = null;
            _suppressed = SuppressInstrumentationScope.Begin();
        }

        public void Dispose()
        {
            _suppressed.Dispose();
            Activity.Current = _previous;
        }
    }
}

/// <summary>The span of a pass that did work; disposing ends it and restores the quiet around it.</summary>
public sealed class WorkSpan(Activity? activity, IDisposable traced) : IDisposable
{
    public Activity? Activity { get; } = activity;

    public void Dispose()
    {
        Activity?.Dispose();
        traced.Dispose();
    }
}
