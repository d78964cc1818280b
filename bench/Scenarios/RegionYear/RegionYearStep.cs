using System.Collections.Concurrent;
using System.Diagnostics;
using Npgsql;
using Platform.Bench.Measure;
using Platform.Bench.Report;

namespace Platform.Bench.Scenarios.RegionYear;

/// <summary>
/// Step 7: a region's school year replayed through the gateway. The plan comes from the Directory's pupil counts, scaled to
/// the profile's region (<see cref="YearPlan"/>); the funders first hold their budgets and set up the collective arrangements,
/// then every journey runs as its organisations would do it (<see cref="Journeys"/>), a few at a time. Reported: how long the
/// year takes, its requests and what they cost, the journeys that stopped (by step and status), and afterwards how long
/// Monitoring takes to catch up and to answer.
/// </summary>
public static class RegionYearStep
{
    public const string Step = "7 region's year";

    public static async Task RunAsync(StepContext context)
    {
        var (profile, report, log, ct) = (context.Profile, context.Report, context.Log, context.Cancellation);
        log.WriteLine($"Step 7: a region's year ({Format.N(profile.RegionPupils)} pupils) through the gateway");
        var directory = await RegionDirectory.ReadAsync(context.Api.Gateway, ct);
        var plan = new YearPlan(directory, profile.RegionPupils, seed: 2026);
        log.WriteLine($"  the Directory: {Format.N(directory.Pupils)} pupils at {directory.Schools.Count} locations ({directory.SchoolYear}); "
                      + $"scaled ×{Format.N(plan.Scale, 2)}: {plan.Describe()}");
        report.Add(new ResultRow(Step, "the year's plan: the Directory's pupil counts scaled to the region; journeys by kind (rates per 1,000 pupils: bench/README.md)",
            $"{Format.N(plan.RegionPupils)} pupils (the Directory's {Format.N(directory.Pupils)} at {directory.Schools.Count} locations, {directory.SchoolYear}, ×{Format.N(plan.Scale, 2)}): {plan.Describe()}"));

        using var api = new YearClient(context.Target.Gateway);
        var journeys = new Journeys(api, plan, new Children(seed: 2026));
        var stopped = new ConcurrentDictionary<string, (int Count, string Example)>();
        // A journey stops at the first answer it did not expect (StepFailed names the step and status), or at anything else
        // that goes wrong in it (a body without a field it needs, say): counted, never the end of the whole year.
        void Stopped(Exception failure)
        {
            var key = failure is StepFailed step ? $"{step.Step} → {step.Status}" : failure.GetType().Name;
            stopped.AddOrUpdate(key, _ => (1, failure.Message), (_, was) => (was.Count + 1, was.Example));
        }

        await using var monitoringDb = NpgsqlDataSource.Create(context.Target.MonitoringDb);
        var journalBefore = await JournalAsync(monitoringDb, ct);
        var idle = await CpuByProcess.IdleAsync(context.Processes, TimeSpan.FromSeconds(profile.IsSmoke ? 1 : 5), ct);
        using var usage = context.Processes.Mark();
        var byProcess = CpuByProcess.Mark(context.Processes);
        var started = Stopwatch.GetTimestamp();

        // The funders first: budgets, then the collective arrangements the year's placements fill.
        var collectivesStopped = 0;
        try { await journeys.BudgetsAsync(ct); }
        catch (Exception failure) when (!ct.IsCancellationRequested) { Stopped(failure); }
        await Parallel.ForEachAsync(plan.Collectives, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct }, async (school, token) =>
        {
            try { await journeys.CollectiveAsync(school, token); }
            catch (Exception failure) when (!token.IsCancellationRequested) { Interlocked.Increment(ref collectivesStopped); Stopped(failure); }
        });
        log.WriteLine($"  funders: budgets held, {plan.Collectives.Count - collectivesStopped} of {plan.Collectives.Count} collective arrangements active");

        var done = 0;
        var failed = 0;
        // The log is written by one thread at a time (the smoke test's is a StringWriter): progress takes the same lock.
        var progress = new Timer(_ =>
        {
            var finished = Volatile.Read(ref done) + Volatile.Read(ref failed);
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var left = finished > 0 ? seconds * (plan.Journeys.Count - finished) / finished : double.NaN;
            lock (log)
                log.WriteLine($"  region's year: {Format.N(finished)} of {Format.N(plan.Journeys.Count)} journeys ({Format.N(100.0 * finished / plan.Journeys.Count)}%), "
                              + $"{Format.N(api.Requests)} requests ({Format.N(api.Requests / seconds)}/s), {failed} stopped, about {(double.IsNaN(left) ? "?" : Format.N(left))} s left");
        }, null, TimeSpan.FromSeconds(profile.IsSmoke ? 5 : 15), TimeSpan.FromSeconds(profile.IsSmoke ? 5 : 15));
        await using (progress)
        {
            await Parallel.ForEachAsync(plan.Journeys, new ParallelOptions { MaxDegreeOfParallelism = profile.YearWorkers, CancellationToken = ct }, async (journey, token) =>
            {
                try
                {
                    await journeys.RunAsync(journey, token);
                    Interlocked.Increment(ref done);
                }
                catch (Exception failure) when (!token.IsCancellationRequested)
                {
                    Interlocked.Increment(ref failed);
                    Stopped(failure);
                }
            });
        }
        var took = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var (cpu, rss) = usage.Now();

        // The events the year sent are consumed after the answers: Monitoring has caught up once its journal stops growing.
        // Beside the end-to-end journeys (the CI smoke) the journal is seldom quiet for long: there the wait is short, and the
        // count holds their events too.
        var (journalled, caughtUp) = await UntilJournalQuietAsync(monitoringDb, journalBefore, profile.IsSmoke ? TimeSpan.FromSeconds(6) : TimeSpan.FromMinutes(5), ct);
        var shares = byProcess.PerOperation(api.Requests, idle);
        lock (log) log.WriteLine($"  the year took {Format.N(took, 1)} s: {done} journeys done, {failed} stopped, {Format.N(api.Requests)} requests; "
                      + $"Monitoring journalled {Format.N(journalled)} events, quiet {Format.N(caughtUp, 1)} s after the last answer");

        report.Add(new ResultRow(Step, $"replayed through the gateway, {profile.YearWorkers} journeys at a time, every organisation with its own token: "
                + "time; journeys done (stopped); requests (retried after 5xx/429/409-with-Retry-After/timeout; repeated while a service waited for the consent event)",
            $"{Format.N(took, 1)} s; {Format.N(done)} journeys ({failed} stopped, {collectivesStopped} of {plan.Collectives.Count} arrangements); "
            + $"{Format.N(api.Requests)} requests = {Format.N(api.Requests / took, 1)}/s ({api.Retries} retried, {Format.N(api.Waits)} waits; "
            + $"{api.KnownChildren} children already known elsewhere, replaced)",
            "", "", null, api.Requests > 0 ? cpu / api.Requests : null, $"{Format.MiB(rss)} (peak {Format.MiB(usage.PeakRss)})"));
        report.Add(new ResultRow(Step, "latency of the year's requests (each as its journey sent it: one after the other)", Format.Percentiles(api.Latency.Percentiles())));
        context.ReportByProcess(Step, "CPU-ms per request by process over the year, idle taken off", shares);
        report.Add(new ResultRow(Step, "journeys that stopped, by step and status (first answer)",
            stopped.IsEmpty ? "none" : string.Join("; ", stopped.OrderByDescending(s => s.Value.Count).Select(s => $"{s.Key} ×{s.Value.Count} ({s.Value.Example})"))));
        report.Add(new ResultRow(Step, "Monitoring after the year: events journalled, quiet after the last answer",
            $"{Format.N(journalled)} events; {Format.N(caughtUp, 1)} s"));

        // The monitor's answer after the year: the first computes this period's figures, then steady reads through the gateway.
        using var patient = context.Api.Patient(context.Api.Monitoring.BaseAddress!);
        var first = await MonitorAtScale.TimedAsync(patient, "/api/monitoring/indicators", ct);
        var firstPage = await MonitorAtScale.TimedAsync(patient, "/api/monitoring/dashboard", ct);
        report.Add(new ResultRow(Step, "first indicators GET after the year, then the first page GET, direct (each computes what changed: the last month, then 12 more)",
            $"{Format.Ms(first)}, {Format.Ms(firstPage)}"));
        var json = await MonitorAtScale.ReadWhileWritingAsync(context, "indicators GET after the year", "/api/monitoring/indicators");
        var page = await MonitorAtScale.ReadWhileWritingAsync(context, "page GET after the year", "/api/monitoring/dashboard");
        foreach (var (what, measured, bound) in new[] { ("indicators", json, MonitorAtScale.IndicatorsP99Ms), ("page", page, MonitorAtScale.PageP99Ms) })
            report.Add(new ResultRow(Step, $"{what} GET via gateway after the year at {Format.N(profile.MonitorRate)}/s, referrals coming in",
                Format.Percentiles(measured.Result.Latency), "", $"p99 ≤ {Format.N(bound)} ms", measured.Result.Failed == 0 && measured.Result.Latency.P99 <= bound,
                measured.CpuMsPerOp, measured.Memory));

        report.Figures("region's year", done, failed + collectivesStopped);
        context.Figures("monitor after the year", [json, page]);
    }

    private static async Task<long> JournalAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        await using var command = db.CreateCommand("SELECT count(*) FROM monitoring.journal");
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>Waits until the journal has not grown for five seconds (at most <paramref name="atMost"/>); the events it took, and the seconds until it was quiet.</summary>
    private static async Task<(long Journalled, double Seconds)> UntilJournalQuietAsync(NpgsqlDataSource db, long before, TimeSpan atMost, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var last = await JournalAsync(db, ct);
        var lastGrew = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(lastGrew) < TimeSpan.FromSeconds(5) && Stopwatch.GetElapsedTime(started) < atMost)
        {
            await Task.Delay(500, ct);
            var now = await JournalAsync(db, ct);
            if (now != last) (last, lastGrew) = (now, Stopwatch.GetTimestamp());
        }
        return (last - before, Stopwatch.GetElapsedTime(started, lastGrew).TotalSeconds);
    }
}
