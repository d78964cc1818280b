using System.Diagnostics;
using OpenTelemetry;

namespace Platform.ServiceDefaults;

/// <summary>
/// Drops database spans that belong to no request or message: the outbox relay's idle polls,
/// inbox cleanup, health checks. Without this, every service adds a trace per second to the
/// dashboard and buries the journeys operators look for. Database work inside a request, a
/// relay publish or a consumer has a parent and is kept.
/// </summary>
internal sealed class BackgroundNoiseFilter : BaseProcessor<Activity>
{
    public override void OnStart(Activity activity)
    {
        if (activity.Source.Name == "Npgsql" && activity.Parent is null && activity.ParentSpanId == default)
        {
            activity.IsAllDataRequested = false;
            activity.ActivityTraceFlags &= ~ActivityTraceFlags.Recorded;
        }
    }
}
