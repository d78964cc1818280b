using System.Diagnostics;
using Platform.TestInfrastructure;
using Platform.EndToEnd.Tests.Faults.Injected;
using Platform.EndToEnd.Tests.Faults.Journeys;
using Platform.EndToEnd.Tests.Faults.Control;
using Platform.EndToEnd.Tests.Faults.Reconciliation;
using Platform.EndToEnd.Tests.Faults.Report;

namespace Platform.EndToEnd.Tests.Faults;

/// <summary>
/// One fault from start to finish: journeys stream in, the fault is injected, held and lifted; the
/// suite measures how long until the platform is back to steady state, lets the journeys finish, and
/// reconciles every accepted request against every service's data.
/// </summary>
public sealed class FaultPhase(FaultPlatform platform, Profile profile, Reconciler reconciler, Fault fault)
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan FinalWait = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The longest any one step (inject, observe, lift, check) may take. A restart that never reports healthy
    /// becomes a failed row naming the step and every resource's state, and the suite goes on to the next fault,
    /// instead of waiting out the test's own timeout with nothing said.
    /// </summary>
    private static readonly TimeSpan StepLimit = TimeSpan.FromMinutes(3);

    public async Task<FaultRow> RunAsync(CancellationToken ct)
    {
        try { return await RunFaultAsync(ct); }
        finally
        {
            // A fault that holds something of the machine (a mount) lets it go however its phase ended.
            if (fault is IAsyncDisposable holding) await holding.DisposeAsync();
        }
    }

    private async Task<FaultRow> RunFaultAsync(CancellationToken ct)
    {
        var context = new FaultContext(platform, profile, ct);
        using var school = await DemoClients.ClientAsync(platform.Gateway, DemoClients.School, ct);
        await using var driver = new JourneyDriver(school, profile.JourneysPerSecond, Profile.Patience, fault.SendsRequestsTwice);
        context.Journeys = () => driver.Journeys.ToList();
        driver.Start();
        await Task.Delay(profile.WarmUp, ct);

        context.InjectedAt = DateTimeOffset.UtcNow;
        await CheckAsync(context, "inject", () => fault.InjectAsync(context));
        var hold = fault.Hold(profile);
        var observed = CheckAsync(context, "observe", async () =>
        {
            await Task.Delay(hold / 2, ct);
            await fault.ObserveAsync(context);
        });
        await Task.Delay(hold, ct);
        await observed;
        var alert = profile.WatchesAlerts ? fault.Alert : null;
        if (alert is not null) await CheckAsync(context, "alert fires", () => AlertAsync(context, alert, firing: true, context.InjectedAt));

        context.LiftedAt = DateTimeOffset.UtcNow;
        await CheckAsync(context, "lift", () => fault.LiftAsync(context));
        var lifted = DateTimeOffset.UtcNow - context.LiftedAt;
        var recovery = await RecoveryAsync(driver, context.LiftedAt, ct);
        // A little steady state after recovery, then no new arrivals; the journeys under way finish.
        await Task.Delay(TimeSpan.FromSeconds(2), ct);
        await driver.StopAsync();

        var journeys = driver.Journeys.ToList();
        var result = await FinalAsync(journeys, ct);
        await CheckAsync(context, "check after recovery", () => fault.AfterRecoveryAsync(context));
        if (alert is not null) await CheckAsync(context, "alert clears", () => AlertAsync(context, alert, firing: false, DateTimeOffset.UtcNow));

        var steps = journeys.SelectMany(j => new[] { j.Referral, j.Consent }).ToList();
        // A consent is only sent once its referral was accepted: a journey that ended earlier has no second request.
        var unresolved = journeys.Count(j => j.Referral.AcceptedAt is null && j.Referral.Refused is null)
                         + journeys.Count(j => j.Referral.AcceptedAt is not null && j.Consent.AcceptedAt is null && j.Consent.Refused is null);
        var refused = steps.Where(s => s.Refused is not null).Select(s => $"{s.Name}: {s.Refused}").ToList();
        var answeredDifferently = steps.Count(s => s.AnsweredDifferently);
        if (answeredDifferently > 0)
            context.Failures.Add($"{answeredDifferently} requests sent twice with one Idempotency-Key were answered with two different records");
        var setbacks = steps.SelectMany(s => s.Setbacks).GroupBy(s => s).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} × {g.Count()}").ToList();
        context.Notes.Insert(0, $"{journeys.Count} journeys started; answers before acceptance: {(setbacks.Count == 0 ? "none" : string.Join(", ", setbacks))}");
        return new FaultRow(fault.Name, result with { Duplicated = result.Duplicated + answeredDifferently }, lifted, recovery, unresolved, refused, context.Notes, context.Failures);
    }

    /// <summary>
    /// A fault's own step failing, or not finishing within <see cref="StepLimit"/>, is a finding for the table,
    /// not a reason to stop the suite.
    /// </summary>
    private async Task CheckAsync(FaultContext context, string step, Func<Task> action)
    {
        var suite = context.Cancellation;
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(suite);
        limit.CancelAfter(StepLimit);
        context.Cancellation = limit.Token;
        try { await action(); }
        catch (Exception ex) when (!suite.IsCancellationRequested)
        {
            var what = limit.IsCancellationRequested ? $"not done within {StepLimit.TotalMinutes:0} minutes" : $"{ex.GetType().Name}: {ex.Message}";
            context.Failures.Add($"{step}: {what}; resources: {platform.Resources.Describe()}");
        }
        finally { context.Cancellation = suite; }
    }

    /// <summary>
    /// The fault's alert, in the local Prometheus with the cluster's rules, fires within <see cref="Profile.AlertLimit"/> of
    /// the fault (so the fault is held until it does) or clears within it after recovery (#28).
    /// </summary>
    private async Task AlertAsync(FaultContext context, string alert, bool firing, DateTimeOffset since)
    {
        if (platform.Alerts is not { } alerts)
        {
            context.Failures.Add($"{alert}: no local Prometheus to ask (Debian's prometheus package, AppHost/Infrastructure/LocalPrometheus.cs).");
            return;
        }
        var remaining = Profile.AlertLimit - (DateTimeOffset.UtcNow - since);
        // Not within the limit: Eventually's TimeoutException, which CheckAsync records as this step's failure.
        await Eventually.TrueAsync(async () => await alerts.FiringAsync(alert, context.Cancellation, fault.AlertWhere) == firing,
            $"{alert} to {(firing ? "fire" : "clear")}", remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero, context.Cancellation);
        context.Notes.Add($"alert {alert} {(firing ? "firing" : "cleared")} {(DateTimeOffset.UtcNow - since).TotalSeconds:0} s after the {(firing ? "fault" : "recovery")}");
    }

    /// <summary>
    /// Back to steady state: a journey that started after the fault was lifted went through with all
    /// its effects, and every journey accepted more than a moment ago has all of its effects.
    /// </summary>
    private async Task<TimeSpan?> RecoveryAsync(JourneyDriver driver, DateTimeOffset liftedAt, CancellationToken ct)
    {
        var limit = Stopwatch.StartNew();
        while (limit.Elapsed < Profile.RecoveryLimit + TimeSpan.FromSeconds(15))
        {
            var now = DateTimeOffset.UtcNow;
            var done = driver.Journeys.Where(j => j.CompletedAt is { } at && at < now - Settle).ToList();
            // The fresh journeys are among those done, so "all done are complete" covers them too.
            if (done.Any(j => j.StartedAt > liftedAt) && await CompleteAsync(done, ct))
                return now - liftedAt;
            await Task.Delay(250, ct);
        }
        return null;
    }

    private async Task<bool> CompleteAsync(IReadOnlyCollection<Journey> journeys, CancellationToken ct)
    {
        try { return (await reconciler.ReconcileAsync(journeys, ct)).Complete; }
        catch (Npgsql.NpgsqlException) { return false; } // A database still coming back.
    }

    /// <summary>The reconciliation once the platform had time to finish (it stops waiting as soon as nothing is missing).</summary>
    private async Task<Reconciliation.Reconciliation> FinalAsync(IReadOnlyCollection<Journey> journeys, CancellationToken ct)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            Reconciliation.Reconciliation? result = null;
            try { result = await reconciler.ReconcileAsync(journeys, ct); }
            catch (Npgsql.NpgsqlException) when (deadline.Elapsed < FinalWait) { }
            if (result is not null && (result.Complete || deadline.Elapsed > FinalWait))
            {
                // Duplicates can arrive after the last missing effect: look once more a moment later.
                await Task.Delay(TimeSpan.FromSeconds(2), ct);
                return await reconciler.ReconcileAsync(journeys, ct);
            }
            await Task.Delay(500, ct);
        }
    }
}
