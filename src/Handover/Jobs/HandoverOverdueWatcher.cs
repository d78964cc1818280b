using Microsoft.Extensions.Options;
using Platform.Handover.Domain;
using Platform.Handover.Infrastructure;
using Platform.Jobs;
using Platform.ServiceDefaults;

namespace Platform.Handover.Jobs;

/// <summary>Raises <c>HandoverOverdue</c> once for a handover past its due date (<see cref="DeadlineSweep{TDb, TEntity}"/>).</summary>
public sealed class HandoverOverdueWatcher(
    IServiceScopeFactory scopes, TimeProvider clock, IOptions<HandoverOptions> options, ILogger<HandoverOverdueWatcher> logger)
    : DeadlineSweep<HandoverDbContext, HandoverProcess>(scopes, clock, logger)
{
    protected override bool Enabled => options.Value.DeadlineWatcherEnabled;
    protected override TimeSpan Interval => options.Value.DeadlineCheckInterval;

    protected override string Table => "handover.handovers";

    protected override FormattableString DueWhere(DateTimeOffset now) =>
        $"status <> 'Completed' AND overdue_raised_at IS NULL AND due_on < {DutchTime.DateOf(now)}";

    protected override int Act(HandoverProcess handover, DateTimeOffset now)
    {
        if (!handover.IsOverdue(DutchTime.DateOf(now))) return 0;
        handover.RaiseOverdue(now);
        return 1;
    }
}
