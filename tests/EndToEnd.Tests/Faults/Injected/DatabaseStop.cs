using System.Diagnostics;
using System.Net;
using Platform.AppHost;
using Platform.EndToEnd.Tests.Faults.Control;

namespace Platform.EndToEnd.Tests.Faults.Injected;

/// <summary>
/// Monitoring's own PostgreSQL server stops immediately (SIGQUIT: no checkpoint, as after a crash)
/// and is started again. Monitoring must answer 503 with Retry-After meanwhile, never 500; the rest
/// of the platform must keep accepting journeys; Monitoring's events wait in its queues (retried,
/// not sent to the error queue) and are applied once when the database is back.
/// </summary>
public sealed class DatabaseStop : Fault
{
    public override string Name => "monitoring's PostgreSQL stopped (immediate), restarted";

    /// <summary>Monitoring's consumers, jobs and API fail on it the whole time: a page after a minute (docs/operations.md).</summary>
    public override string? Alert => "DatabaseUnavailable";

    public override Task InjectAsync(FaultContext context) =>
        context.Platform.Resources.StopPostgresImmediatelyAsync(FaultPlatform.OwnDatabaseServer, context.Cancellation);

    public override async Task ObserveAsync(FaultContext context)
    {
        using var municipality = await DemoClients.ClientAsync(context.Platform.Gateway, DemoClients.Municipality, context.Cancellation, TimeSpan.FromSeconds(30));
        var clock = Stopwatch.StartNew();
        var response = await municipality.GetAsync("/api/monitoring/indicators", context.Cancellation);
        var retryAfter = response.Headers.RetryAfter?.Delta;
        context.Notes.Add($"GET /api/monitoring/indicators while its database is down: {(int)response.StatusCode}, Retry-After {retryAfter?.TotalSeconds} s, in {clock.ElapsedMilliseconds} ms");
        context.Expect(response.StatusCode == HttpStatusCode.ServiceUnavailable && retryAfter is not null
                       && response.Content.Headers.ContentType?.MediaType == "application/problem+json",
            $"Monitoring answered {(int)response.StatusCode} (Retry-After {retryAfter}) while its database was down; expected a 503 problem with Retry-After.");
    }

    public override Task LiftAsync(FaultContext context) =>
        context.Platform.Resources.StartAsync(FaultPlatform.OwnDatabaseServer, context.Cancellation);

    public override Task AfterRecoveryAsync(FaultContext context)
    {
        var acceptedDuring = context.Journeys().Count(j => j.Referral.AcceptedAt is { } at && at > context.InjectedAt && at < context.LiftedAt);
        context.Notes.Add($"journeys accepted by Intake while monitoring's database was down: {acceptedDuring}");
        context.Expect(acceptedDuring > 0, "No journey was accepted while only monitoring's database was down: the other services should carry on.");
        return Task.CompletedTask;
    }
}
