using Microsoft.Extensions.Options;
using Platform.Funding.Domain;
using Platform.Funding.Infrastructure;
using Platform.Jobs;

namespace Platform.Funding.Jobs;

/// <summary>
/// A dispute's durable terms (RULES.md §4, Geschillencommissie passend onderwijs): the board's 2 weeks to answer and the
/// commission's 10 weeks for its opinion, both counted from the filing; each passing is raised once (<c>DisputeTermPassed</c>).
/// See <see cref="DeadlineSweep{TDb, TEntity}"/>: the raised mark commits with its event, so a restart or a second replica
/// raises nothing twice.
/// </summary>
public sealed class DisputeDeadlineWatcher(
    IServiceScopeFactory scopes, TimeProvider clock, IOptions<FundingOptions> options, ILogger<DisputeDeadlineWatcher> logger)
    : DeadlineSweep<FundingDbContext, Dispute>(scopes, clock, logger)
{
    protected override bool Enabled => options.Value.DeadlineWatcherEnabled;
    protected override TimeSpan Interval => options.Value.DeadlineCheckInterval;

    protected override string Table => "funding.disputes";

    protected override FormattableString DueWhere(DateTimeOffset now)
    {
        var today = DutchTime.DateOf(now);
        return $"""
            (status = 'Filed' AND answer_term_passed_at IS NULL AND answer_due_on < {today})
            OR (status <> 'Concluded' AND opinion_term_passed_at IS NULL AND opinion_due_on < {today})
            """;
    }

    protected override int Act(Dispute dispute, DateTimeOffset now)
    {
        var today = DutchTime.DateOf(now);
        var acted = 0;
        if (dispute.IsAnswerTermPassed(today)) { dispute.RaiseAnswerTermPassed(now); acted++; }
        if (dispute.IsOpinionTermPassed(today)) { dispute.RaiseOpinionTermPassed(now); acted++; }
        return acted;
    }
}
