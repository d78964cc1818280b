using Platform.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Attendance.Infrastructure;

namespace Platform.Attendance.Deadlines;

/// <summary>
/// The durable timers: a thuiszitter plan due after 4 weeks, the 3-month escalation to the
/// actietafel, and exemptions expiring. Each deadline is a column; each raise is recorded in the
/// same transaction as its event, so it fires once across restarts, and replicas share the rows
/// with <c>FOR UPDATE SKIP LOCKED</c>.
/// </summary>
public sealed partial class AttendanceDeadlineWatcher(
    IServiceScopeFactory scopes, TimeProvider clock, IOptions<AttendanceOptions> options, ILogger<AttendanceDeadlineWatcher> logger)
    : PeriodicWork(clock, logger)
{
    protected override bool Enabled => options.Value.DeadlineWatcherEnabled;
    protected override TimeSpan Interval => options.Value.DeadlineCheckInterval;

    public override Task<int> RunOnceAsync(CancellationToken ct) => CheckAsync(ct);

    /// <summary>One pass over all three deadlines; returns how many things fired. Public for tests and tools.</summary>
    public async Task<int> CheckAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AttendanceDbContext>();
        return await db.InTransactionAsync(async token =>
        {
            var today = DutchTime.Today(Clock);
            var now = Clock.GetUtcNow();

            var caseIds = await db.Database.SqlQuery<Guid>($"""
                SELECT id AS "Value" FROM attendance.thuiszitter_cases
                WHERE status <> 'Resolved' AND offer IS NULL
                  AND ((plan_due_raised_at IS NULL AND plan_due_on < {today}) OR (status = 'Open' AND escalation_due_on <= {today}))
                LIMIT 100 FOR UPDATE SKIP LOCKED
                """).ToListAsync(token);
            var exemptionIds = await db.Database.SqlQuery<Guid>($"""
                SELECT id AS "Value" FROM attendance.exemptions
                WHERE ended_at IS NULL AND ends_on < {today}
                LIMIT 100 FOR UPDATE SKIP LOCKED
                """).ToListAsync(token);

            var fired = 0;
            foreach (var @case in await db.Thuiszitters.Where(c => caseIds.Contains(c.Id)).ToListAsync(token))
            {
                if (@case.IsPlanOverdue(today)) { @case.RaisePlanDue(now); fired++; }
                if (@case.IsEscalationDue(today)) { @case.Escalate(now); fired++; }
            }
            foreach (var exemption in await db.Exemptions.Where(e => exemptionIds.Contains(e.Id)).ToListAsync(token))
            {
                if (exemption.HasExpired(today)) { exemption.End(now); fired++; }
            }
            if (fired > 0) LogFired(Logger, fired);
            return fired;
        }, ct);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} attendance deadlines fired.")]
    private static partial void LogFired(ILogger logger, int count);

}
