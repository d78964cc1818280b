using Microsoft.Extensions.Options;
using Platform.Attendance.Domain;
using Platform.Attendance.Infrastructure;
using Platform.Jobs;
using Platform.ServiceDefaults;

namespace Platform.Attendance.Jobs;

/// <summary>
/// A thuiszitter's two deadlines: the plan with a suitable offer due after 4 weeks, and the 3-month
/// escalation to the actietafel; and a suitable offer's start date, on which the case resolves (or the offer lapses when
/// absence was reported since it; RULES.md §2). Each raise is recorded with its event, so it fires once
/// (<see cref="DeadlineSweep{TDb, TEntity}"/>).
/// </summary>
public sealed class ThuiszitterDeadlineWatcher(
    IServiceScopeFactory scopes, TimeProvider clock, IOptions<AttendanceOptions> options, ILogger<ThuiszitterDeadlineWatcher> logger)
    : DeadlineSweep<AttendanceDbContext, ThuiszitterCase>(scopes, clock, logger)
{
    protected override bool Enabled => options.Value.DeadlineWatcherEnabled;
    protected override TimeSpan Interval => options.Value.DeadlineCheckInterval;

    protected override string Table => "attendance.thuiszitter_cases";

    protected override FormattableString DueWhere(DateTimeOffset now)
    {
        var today = DutchTime.DateOf(now);
        return $"""
            status <> 'Resolved' AND (
              (offer IS NULL AND ((plan_due_raised_at IS NULL AND plan_due_on < {today}) OR (status = 'Open' AND escalation_due_on <= {today})))
              OR (offer IS NOT NULL AND (offer ->> 'StartsOn')::date <= {today}))
            """;
    }

    protected override int Act(ThuiszitterCase @case, DateTimeOffset now)
    {
        var today = DutchTime.DateOf(now);
        var fired = 0;
        // RULES.md §2: on the offer's start date the case resolves, or the offer lapses and the clocks below apply again.
        if (@case.IsStartDue(today)) { @case.StartOrLapse(now); fired++; }
        if (@case.IsPlanOverdue(today)) { @case.RaisePlanDue(now); fired++; }
        if (@case.IsEscalationDue(today)) { @case.Escalate(now); fired++; }
        return fired;
    }

    /// <summary>One pass; returns how many deadlines fired. Public for tests and tools.</summary>
    public Task<int> CheckAsync(CancellationToken ct) => RunOnceAsync(ct);
}
