using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Auditing.Retention;
using Platform.Contracts.Intake;
using Platform.Intake.Domain.Cases;
using Platform.Intake.Infrastructure;
using Platform.Messaging.Outbox;

namespace Platform.Intake.Jobs;

/// <summary>
/// A closed case is a youth-care file: kept 20 years after its last change, its closing (Jeugdwet
/// art. 7.3.8, since 2020; RULES.md §6). Then the case goes with its referrals (the child's
/// identity), consents and idempotency records, and <see cref="CaseErased"/> tells the services
/// that keep copies. Open cases are never erased.
/// </summary>
public sealed class IntakeRetention(
    IServiceScopeFactory scopes, IOptions<RetentionOptions> options, IHostEnvironment environment, TimeProvider clock, ILogger<IntakeRetention> logger)
    : RetentionJob<IntakeDbContext>(scopes, options, environment, clock, logger)
{
    public const string ClosedCase = "case";

    protected override IReadOnlyList<RetentionRule<IntakeDbContext>> Rules { get; } =
    [
        new(ClosedCase, 20, "Jeugdwet art. 7.3.8: 20 years after the last change", EraseClosedCasesAsync),
    ];

    private static async Task<IReadOnlyList<ErasedRecord>> EraseClosedCasesAsync(IntakeDbContext db, RetentionBatch batch, CancellationToken ct)
    {
        var cases = await db.Cases.AsNoTracking()
            .Where(c => c.Status == CaseStatus.Closed && c.ClosedAt < batch.Cutoff)
            .OrderBy(c => c.ClosedAt).Take(batch.Take)
            .Select(c => new { c.Id, c.ChildReference }).ToListAsync(ct);
        if (cases.Count == 0) return [];
        var ids = cases.Select(c => c.Id).ToList();
        var referrals = await db.Referrals.Where(r => r.CaseId != null && ids.Contains(r.CaseId.Value)).Select(r => r.Id).ToListAsync(ct);
        await db.Referrals.Where(r => referrals.Contains(r.Id)).ExecuteDeleteAsync(ct);
        await db.Consents.Where(c => ids.Contains(c.CaseId)).ExecuteDeleteAsync(ct);
        await db.Cases.Where(c => ids.Contains(c.Id)).ExecuteDeleteAsync(ct);
        foreach (var c in cases) db.AddIntegrationEvent(new CaseErased(c.Id, c.ChildReference, batch.Now));
        return [.. cases.Select(c => new ErasedRecord(c.Id.ToString(), c.ChildReference))];
    }
}
