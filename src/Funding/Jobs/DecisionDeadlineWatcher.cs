using Microsoft.Extensions.Options;
using Platform.Funding.Domain;
using Platform.Funding.Infrastructure;
using Platform.Jobs;
using Platform.ServiceDefaults;

namespace Platform.Funding.Jobs;

/// <summary>
/// No decision before the deadline escalates the arrangement to the table: "discussion about
/// funding must not delay timely help". Once per arrangement (<see cref="DeadlineSweep{TDb, TEntity}"/>).
/// </summary>
public sealed class DecisionDeadlineWatcher(
    IServiceScopeFactory scopes, TimeProvider clock, IOptions<FundingOptions> options, ILogger<DecisionDeadlineWatcher> logger)
    : DeadlineSweep<FundingDbContext, Arrangement>(scopes, clock, logger)
{
    protected override bool Enabled => options.Value.DeadlineWatcherEnabled;
    protected override TimeSpan Interval => options.Value.DeadlineCheckInterval;

    protected override string Table => "funding.arrangements";

    protected override FormattableString DueWhere(DateTimeOffset now) =>
        $"status IN ('Proposed', 'PartiallyApproved') AND decision_due_on < {DutchTime.DateOf(now)}";

    protected override int Act(Arrangement arrangement, DateTimeOffset now)
    {
        if (!arrangement.IsPastDecisionDeadline(DutchTime.DateOf(now))) return 0;
        arrangement.EscalateForMissedDeadline(options.Value.EscalationTableId, now);
        return 1;
    }
}
