using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Funding.Domain;
using Platform.Funding.Infrastructure;
using Platform.Messaging;

namespace Platform.Funding.Tlvs;

/// <summary>
/// The TLV's two durable dates: the term for the SWV's decision (overdue is raised once) and the end
/// of a granted TLV's validity (it ends as expired). Both live in the database, so restarts lose
/// nothing; rows are claimed with SKIP LOCKED, so replicas never raise the same one twice.
/// </summary>
public sealed class TlvDeadlineWatcher(
    IServiceScopeFactory scopes, TimeProvider clock, IOptions<FundingOptions> options, ILogger<TlvDeadlineWatcher> logger)
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
                SELECT id AS "Value" FROM funding.tlvs
                WHERE (status = 'Requested' AND overdue_raised_at IS NULL AND decision_due_on < {today})
                   OR (status = 'Granted' AND decision_valid_until < {today})
                LIMIT 100 FOR UPDATE SKIP LOCKED
                """).ToListAsync(token);
            var tlvs = await db.Tlvs.Where(t => ids.Contains(t.Id)).ToListAsync(token);
            var now = Clock.GetUtcNow();
            foreach (var tlv in tlvs)
            {
                if (tlv.IsOverdue(today)) tlv.RaiseOverdue(now);
                else if (tlv.HasExpired(today)) tlv.Expire(now);
            }
            return tlvs.Count;
        }, ct);
    }
}
