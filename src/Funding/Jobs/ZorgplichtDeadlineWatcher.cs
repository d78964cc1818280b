using Platform.Funding.Domain;
using Platform.Funding.Infrastructure;
using Platform.Jobs;
using Microsoft.Extensions.Options;

namespace Platform.Funding.Jobs;

/// <summary>
/// The zorgplicht's durable dates (RULES.md §4): the last day of the term (reminder, once per term), the term passed (once;
/// a child of compulsory school age without a place then needs the leerplicht officer) and, 10 weeks after the application
/// without a decision, the temporary placement. See <see cref="DeadlineSweep{TDb, TEntity}"/>.
/// </summary>
public sealed class ZorgplichtDeadlineWatcher(
    IServiceScopeFactory scopes, TimeProvider clock, IOptions<FundingOptions> options, ILogger<ZorgplichtDeadlineWatcher> logger)
    : DeadlineSweep<FundingDbContext, ZorgplichtApplication>(scopes, clock, logger)
{
    protected override bool Enabled => options.Value.DeadlineWatcherEnabled;
    protected override TimeSpan Interval => options.Value.DeadlineCheckInterval;

    protected override string Table => "funding.zorgplicht_applications";

    protected override FormattableString DueWhere(DateTimeOffset now)
    {
        var today = DutchTime.DateOf(now);
        return $"""
            status = 'Open' AND (
                (decision_due_on <= {today} AND (due_raised_for IS NULL OR due_raised_for <> decision_due_on))
                OR (exceeded_raised_at IS NULL AND decision_due_on < {today})
                OR (temporarily_placed_on IS NULL AND temporary_placement_on <= {today}))
            """;
    }

    protected override int Act(ZorgplichtApplication application, DateTimeOffset now)
    {
        var today = DutchTime.DateOf(now);
        var acted = 0;
        if (application.IsDue(today)) { application.RaiseDue(now); acted++; }
        if (application.IsExceeded(today)) { application.RaiseExceeded(now); acted++; }
        if (application.IsTemporaryPlacementDue(today)) { application.PlaceTemporarily(now); acted++; }
        return acted;
    }
}

/// <summary>The OPP's durable dates (RULES.md §4): set within 6 weeks of enrolment, evaluated at least yearly; each passing raised once.</summary>
public sealed class OppDeadlineWatcher(
    IServiceScopeFactory scopes, TimeProvider clock, IOptions<FundingOptions> options, ILogger<OppDeadlineWatcher> logger)
    : DeadlineSweep<FundingDbContext, Opp>(scopes, clock, logger)
{
    protected override bool Enabled => options.Value.DeadlineWatcherEnabled;
    protected override TimeSpan Interval => options.Value.DeadlineCheckInterval;

    protected override string Table => "funding.opps";

    protected override FormattableString DueWhere(DateTimeOffset now)
    {
        var today = DutchTime.DateOf(now);
        return $"""
            (set_on IS NULL AND set_overdue_raised_at IS NULL AND set_due_on < {today})
            OR (evaluation_due_on < {today} AND (evaluation_overdue_raised_for IS NULL OR evaluation_overdue_raised_for <> evaluation_due_on))
            """;
    }

    protected override int Act(Opp opp, DateTimeOffset now)
    {
        var today = DutchTime.DateOf(now);
        var acted = 0;
        if (opp.IsSetOverdue(today)) { opp.RaiseSetOverdue(now); acted++; }
        if (opp.IsEvaluationOverdue(today)) { opp.RaiseEvaluationOverdue(now); acted++; }
        return acted;
    }
}
