using Microsoft.Extensions.Options;
using Platform.Funding.Domain;
using Platform.Funding.Infrastructure;
using Platform.Jobs;
using Platform.ServiceDefaults;

namespace Platform.Funding.Jobs;

/// <summary>
/// The TLV's two durable dates: the term for the SWV's decision (overdue is raised once) and the end
/// of a granted TLV's validity (it ends as expired). See <see cref="DeadlineSweep{TDb, TEntity}"/>.
/// </summary>
public sealed class TlvDeadlineWatcher(
    IServiceScopeFactory scopes, TimeProvider clock, IOptions<FundingOptions> options, ILogger<TlvDeadlineWatcher> logger)
    : DeadlineSweep<FundingDbContext, Tlv>(scopes, clock, logger)
{
    protected override bool Enabled => options.Value.DeadlineWatcherEnabled;
    protected override TimeSpan Interval => options.Value.DeadlineCheckInterval;

    protected override string Table => "funding.tlvs";

    protected override FormattableString DueWhere(DateTimeOffset now)
    {
        var today = DutchTime.DateOf(now);
        return $"""
            (status = 'Requested' AND overdue_raised_at IS NULL AND decision_due_on < {today})
            OR (status = 'Granted' AND decision_valid_until < {today})
            """;
    }

    protected override int Act(Tlv tlv, DateTimeOffset now)
    {
        var today = DutchTime.DateOf(now);
        if (tlv.IsOverdue(today)) tlv.RaiseOverdue(now);
        else if (tlv.HasExpired(today)) tlv.Expire(now);
        else return 0;
        return 1;
    }
}
