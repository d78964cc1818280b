using Npgsql;
using Platform.EndToEnd.Tests.Faults.Control;
using Platform.ServiceDefaults;
using Platform.TestInfrastructure;

namespace Platform.EndToEnd.Tests.Faults.Injected;

/// <summary>
/// Intake's clock jumps an hour forward and back (#28) across the moment its durable timers fall due: the knooppunt
/// deadlines of this phase's cases (set to today, as for cases opened six weeks ago) become due at the next Dutch
/// midnight. Intake's clock is first set half an hour before it (nothing may fire), then jumps to half an hour after it
/// (each must fire, once: not skipped), then back an hour (none may fire again), then, as the operator's fix, back to
/// the machine's time. Each firing is counted where it lands, as a <c>KnooppuntOverdue</c> entry in Monitoring's
/// journal, after a marker deadline proves that Intake's sweep has passed again. <c>ClockSkewed</c> fires meanwhile.
/// The jump moves the clock the service's domain reads (ShiftedClock, the end-to-end platform's Development-only
/// clock file), not the machine's: token lifetimes (the JWT handler) and PostgreSQL's own clock stay put.
/// </summary>
public sealed class ClockJump : Fault
{
    private const string KnooppuntOverdue = "Platform.Contracts.Intake.KnooppuntOverdue";
    private static readonly TimeZoneInfo Dutch = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");
    private static readonly TimeSpan FireLimit = TimeSpan.FromSeconds(60);
    private readonly List<Guid> _cases = [];
    private readonly HashSet<Guid> _used = [];
    private DateTimeOffset _midnight;
    private TimeSpan _jumped;

    public override string Name => "intake's clock jumped an hour forward and back across its deadlines";

    /// <summary>The page for a clock that is off: hours here, an hour in production's worst case.</summary>
    public override string? Alert => "ClockSkewed";

    public override async Task InjectAsync(FaultContext context)
    {
        var ct = context.Cancellation;
        var intake = await context.Platform.DatabaseAsync(ResourceNames.IntakeDb);
        // This phase's open cases get a knooppunt deadline of today: due from the next Dutch midnight on.
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Dutch).DateTime);
        await Eventually.TrueAsync(() => Task.FromResult(Cases(context).Count >= 10), "ten cases opened in this phase", TimeSpan.FromSeconds(30), ct);
        var cases = Cases(context);
        await using (var due = intake.CreateCommand(
            "UPDATE intake.cases SET knooppunt_due_on = @today WHERE id = ANY(@ids) AND status IN ('Open', 'PlanAgreed') " +
            "AND knooppunt_overdue_raised_at IS NULL AND first_knooppunt_held_on IS NULL RETURNING id"))
        {
            due.Parameters.AddWithValue("today", today);
            due.Parameters.AddWithValue("ids", cases.ToArray());
            await using var reader = await due.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) _cases.Add(reader.GetGuid(0));
        }
        _used.UnionWith(cases);
        if (_cases.Count < 5) throw new InvalidOperationException($"Only {_cases.Count} open cases to set deadlines on; the check would prove little.");
        var midnight = today.AddDays(1).ToDateTime(TimeOnly.MinValue);
        _midnight = new DateTimeOffset(midnight, Dutch.GetUtcOffset(midnight));

        // Time passes (the arrangement, not yet the fault): half an hour before midnight, nothing is due.
        await context.Platform.ShiftClockAsync(ResourceNames.Intake, _midnight.AddMinutes(-30) - DateTimeOffset.UtcNow);
        await PassedAsync(context, "half an hour before midnight");
        var early = await FiredAsync(context, _cases);
        context.Expect(early.Values.All(n => n == 0), $"{early.Values.Count(n => n > 0)} deadlines fired before they were due.");

        // The fault: an hour forward, across midnight.
        _jumped = _midnight.AddMinutes(30) - DateTimeOffset.UtcNow;
        await context.Platform.ShiftClockAsync(ResourceNames.Intake, _jumped);
        context.Notes.Add($"{_cases.Count} cases' knooppunt deadlines due at {_midnight:yyyy-MM-dd HH:mm zzz}; Intake's clock set 30 minutes before it, then jumped an hour forward");
    }

    /// <summary>Every deadline the jump passed fires, once.</summary>
    public override async Task ObserveAsync(FaultContext context)
    {
        await Eventually.TrueAsync(async () => (await FiredAsync(context, _cases)).Values.All(n => n >= 1),
            "every deadline the jump passed fired", FireLimit, context.Cancellation);
        await ExpectOnceAsync(context, "after the jump forward");
    }

    /// <summary>An hour back (the jump back), then the operator's fix: the machine's time again.</summary>
    public override async Task LiftAsync(FaultContext context)
    {
        await context.Platform.ShiftClockAsync(ResourceNames.Intake, _jumped - TimeSpan.FromHours(1));
        await PassedAsync(context, "an hour back");
        await ExpectOnceAsync(context, "after the jump back");
        await context.Platform.ShiftClockAsync(ResourceNames.Intake, TimeSpan.Zero);
    }

    public override async Task AfterRecoveryAsync(FaultContext context)
    {
        await PassedAsync(context, "on the machine's time");
        await ExpectOnceAsync(context, "on the machine's time again");
    }

    private async Task ExpectOnceAsync(FaultContext context, string when)
    {
        var fired = await FiredAsync(context, _cases);
        var missing = fired.Values.Count(n => n == 0);
        var twice = fired.Values.Count(n => n > 1);
        context.Notes.Add($"{when}: {fired.Values.Count(n => n == 1)} of {_cases.Count} deadlines fired once, {missing} not, {twice} more than once");
        context.Expect(missing == 0 && twice == 0, $"{when}: {missing} deadlines not fired (skipped), {twice} fired more than once.");
    }

    /// <summary>
    /// Proof that Intake's sweep has run again on the clock as it is now: a marker case (a later journey's) whose
    /// deadline was yesterday on that clock fires, and its entry reaches Monitoring's journal like the others'.
    /// </summary>
    private async Task PassedAsync(FaultContext context, string when)
    {
        var ct = context.Cancellation;
        var intake = await context.Platform.DatabaseAsync(ResourceNames.IntakeDb);
        Guid marker = default;
        await Eventually.TrueAsync(async () =>
        {
            var fresh = Cases(context).Where(id => !_used.Contains(id)).ToList();
            if (fresh.Count == 0) return false;
            await using var due = intake.CreateCommand(
                "UPDATE intake.cases SET knooppunt_due_on = @due WHERE id = ANY(@ids) AND status IN ('Open', 'PlanAgreed') " +
                "AND knooppunt_overdue_raised_at IS NULL AND first_knooppunt_held_on IS NULL RETURNING id");
            due.Parameters.AddWithValue("due", DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-2)));
            due.Parameters.AddWithValue("ids", new[] { fresh[0] });
            _used.Add(fresh[0]);
            if (await due.ExecuteScalarAsync(ct) is not Guid id) return false;
            marker = id;
            return true;
        }, $"a marker case {when}", TimeSpan.FromSeconds(30), ct);
        await Eventually.TrueAsync(async () => (await FiredAsync(context, [marker]))[marker] == 1, $"the marker deadline fired {when}", FireLimit, ct);
    }

    /// <summary>The ids of this phase's cases that Intake has (the journeys read them back from their referrals).</summary>
    private static List<Guid> Cases(FaultContext context) =>
        [.. context.Journeys().Where(j => j.CaseId is not null && j.Consent.AcceptedAt is not null).Select(j => j.CaseId!.Value)];

    /// <summary>How many <c>KnooppuntOverdue</c> entries Monitoring's journal holds for each case.</summary>
    private static async Task<Dictionary<Guid, long>> FiredAsync(FaultContext context, IReadOnlyCollection<Guid> cases)
    {
        var counts = cases.ToDictionary(c => c, _ => 0L);
        await using var count = (await context.Platform.DatabaseAsync(ResourceNames.MonitoringDb)).CreateCommand(
            $"SELECT (body->>'caseId')::uuid, count(*) FROM monitoring.journal WHERE event_type = '{KnooppuntOverdue}' " +
            "AND body->>'caseId' = ANY(@ids) GROUP BY 1");
        count.Parameters.AddWithValue("ids", cases.Select(c => c.ToString()).ToArray());
        await using var reader = await count.ExecuteReaderAsync(context.Cancellation);
        while (await reader.ReadAsync(context.Cancellation)) counts[reader.GetGuid(0)] = reader.GetInt64(1);
        return counts;
    }
}
