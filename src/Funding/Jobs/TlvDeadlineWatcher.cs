using Microsoft.Extensions.Options;
using Platform.Funding.Domain;
using Platform.Funding.Infrastructure;
using Platform.Jobs;
using Platform.ServiceDefaults;

namespace Platform.Funding.Jobs;

/// <summary>
/// The TLV's durable dates: the term for the SWV's decision (overdue is raised once), the 2 weeks for asking
/// the LBT's advice on an objection (overdue raised once), the renewal task before a granted TLV expires
/// (raised once, <see cref="FundingOptions.TlvRenewalWarningMonths"/> ahead) and the end of its validity
/// (it ends as expired). See <see cref="DeadlineSweep{TDb, TEntity}"/>.
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
        // A superset for the renewal task (month ends): Act decides exactly.
        var renewalHorizon = today.AddMonths(options.Value.TlvRenewalWarningMonths).AddDays(3);
        return $"""
            (status = 'Requested' AND overdue_raised_at IS NULL AND decision_due_on < {today})
            OR (status = 'Granted' AND decision_valid_until < {today})
            OR (objection_result IS NULL AND objection_lbt_asked_on IS NULL AND objection_lbt_overdue_raised_at IS NULL AND objection_lbt_request_due_on < {today})
            OR (status = 'Granted' AND renewal_due_raised_at IS NULL AND renewal_choice IS NULL AND decision_valid_until <= {renewalHorizon})
            """;
    }

    protected override int Act(Tlv tlv, DateTimeOffset now)
    {
        var today = DutchTime.DateOf(now);
        var acted = 0;
        if (tlv.IsOverdue(today)) { tlv.RaiseOverdue(now); acted++; }
        if (tlv.IsLbtRequestOverdue(today)) { tlv.RaiseLbtRequestOverdue(now); acted++; }
        if (tlv.HasExpired(today)) { tlv.Expire(now); acted++; }
        else if (tlv.IsRenewalDue(today, options.Value.TlvRenewalWarningMonths)) { tlv.RaiseRenewalDue(now); acted++; }
        return acted;
    }
}
