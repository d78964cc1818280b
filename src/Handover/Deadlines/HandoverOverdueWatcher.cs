using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Handover.Infrastructure;
using Platform.Messaging;

namespace Platform.Handover.Deadlines;

/// <summary>Raises <c>HandoverOverdue</c> once for a handover past its due date; durable and replica-safe like the other timers.</summary>
public sealed class HandoverOverdueWatcher(
    IServiceScopeFactory scopes, TimeProvider clock, IOptions<HandoverOptions> options, ILogger<HandoverOverdueWatcher> logger)
    : PeriodicWork(clock, logger)
{
    protected override bool Enabled => options.Value.DeadlineWatcherEnabled;
    protected override TimeSpan Interval => options.Value.DeadlineCheckInterval;

    public override async Task<int> RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HandoverDbContext>();
        return await db.InTransactionAsync(async token =>
        {
            var today = DutchTime.Today(Clock);
            var ids = await db.Database.SqlQuery<Guid>($"""
                SELECT id AS "Value" FROM handover.handovers
                WHERE status <> 'Completed' AND overdue_raised_at IS NULL AND due_on < {today}
                LIMIT 100 FOR UPDATE SKIP LOCKED
                """).ToListAsync(token);
            var handovers = await db.Handovers.Where(h => ids.Contains(h.Id)).ToListAsync(token);
            foreach (var overdue in handovers.Where(h => h.IsOverdue(today))) overdue.RaiseOverdue(Clock.GetUtcNow());
            return handovers.Count;
        }, ct);
    }
}
