using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Funding.Infrastructure;
using Platform.Messaging;

namespace Platform.Funding.Escalation;

/// <summary>
/// No decision before the deadline escalates the arrangement to the table: "discussion about
/// funding must not delay timely help". The deadline is in the database, so it survives restarts;
/// rows are claimed with SKIP LOCKED, so several replicas never escalate the same one twice.
/// </summary>
public sealed class DecisionDeadlineWatcher(
    IServiceScopeFactory scopes, TimeProvider clock, IOptions<FundingOptions> options, ILogger<DecisionDeadlineWatcher> logger)
    : PeriodicWork(clock, logger)
{
    protected override bool Enabled => options.Value.DeadlineWatcherEnabled;
    protected override TimeSpan Interval => options.Value.DeadlineCheckInterval;

    public override async Task<int> RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FundingDbContext>();
        return await db.InTransactionAsync(async token =>
        {
            var today = DutchTime.Today(Clock);
            var ids = await db.Database.SqlQuery<Guid>($"""
                SELECT id AS "Value" FROM funding.arrangements
                WHERE status IN ('Proposed', 'PartiallyApproved') AND decision_due_on < {today}
                LIMIT 100 FOR UPDATE SKIP LOCKED
                """).ToListAsync(token);
            var late = await db.Arrangements.Where(a => ids.Contains(a.Id)).ToListAsync(token);
            foreach (var arrangement in late.Where(a => a.IsPastDecisionDeadline(today)))
                arrangement.EscalateForMissedDeadline(options.Value.EscalationTableId, Clock.GetUtcNow());
            return late.Count;
        }, ct);
    }
}
