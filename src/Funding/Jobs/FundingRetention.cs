using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Auditing.Retention;
using Platform.Funding.Domain;
using Platform.Funding.Infrastructure;

namespace Platform.Funding.Jobs;

/// <summary>
/// A TLV request with its expert advices is "data on referral to special education": kept 3 years
/// after it ended (refused, withdrawn, ended by terugplaatsing or expiry; RULES.md §6). A granted
/// TLV that still runs is never erased.
/// </summary>
public sealed class FundingRetention(
    IServiceScopeFactory scopes, IOptions<RetentionOptions> options, IHostEnvironment environment, TimeProvider clock, ILogger<FundingRetention> logger)
    : RetentionJob<FundingDbContext>(scopes, options, environment, clock, logger)
{
    protected override IReadOnlyList<RetentionRule<FundingDbContext>> Rules { get; } =
    [
        new("tlv", 3, "data on referral to special education: 3 years", EraseTlvsAsync),
    ];

    private static async Task<IReadOnlyList<ErasedRecord>> EraseTlvsAsync(FundingDbContext db, RetentionBatch batch, CancellationToken ct)
    {
        var cutoffDay = DateOnly.FromDateTime(batch.Cutoff.UtcDateTime);
        var due = await db.Tlvs.AsNoTracking()
            .Where(t => (t.Status == TlvStatus.Refused || t.Status == TlvStatus.Withdrawn || t.Status == TlvStatus.Ended) && t.EndedOn < cutoffDay)
            .OrderBy(t => t.EndedOn).Take(batch.Take).Select(t => new ErasedRecord(t.Id.ToString(), t.ChildReference)).ToListAsync(ct);
        var ids = due.Select(t => Guid.Parse(t.RecordId)).ToList();
        await db.Tlvs.Where(t => ids.Contains(t.Id)).ExecuteDeleteAsync(ct);
        return due;
    }
}
