using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Auditing.Retention;
using Platform.Handover.Domain;
using Platform.Handover.Infrastructure;

namespace Platform.Handover.Jobs;

/// <summary>
/// A handover dossier is part of the pupil file: kept for the term the school sets, usually 2 years
/// after the child left (RULES.md §6), counted from the handover's completion. A declined handover
/// nobody sent on is kept as long, counted from its last decline.
/// </summary>
public sealed class HandoverRetention(
    IServiceScopeFactory scopes, IOptions<RetentionOptions> options, IHostEnvironment environment, TimeProvider clock, ILogger<HandoverRetention> logger)
    : RetentionJob<HandoverDbContext>(scopes, options, environment, clock, logger)
{
    protected override IReadOnlyList<RetentionRule<HandoverDbContext>> Rules { get; } =
    [
        new("handover", 2, "pupil file: the school's term, usually 2 years after leaving", EraseAsync),
        // Handover's copy of a TLV goes when Funding's original would: 3 years after it ended.
        new("known-tlv", 3, "data on referral to special education: 3 years", EraseKnownTlvsAsync),
    ];

    private static async Task<IReadOnlyList<ErasedRecord>> EraseKnownTlvsAsync(HandoverDbContext db, RetentionBatch batch, CancellationToken ct)
    {
        var cutoffDay = DateOnly.FromDateTime(batch.Cutoff.UtcDateTime);
        var due = await db.Tlvs.AsNoTracking().Where(t => (t.EndedOn ?? t.ValidUntil) < cutoffDay).OrderBy(t => t.ValidUntil).Take(batch.Take)
            .Select(t => new ErasedRecord(t.TlvId.ToString(), t.ChildReference)).ToListAsync(ct);
        var ids = due.Select(t => Guid.Parse(t.RecordId)).ToList();
        await db.Tlvs.Where(t => ids.Contains(t.TlvId)).ExecuteDeleteAsync(ct);
        return due;
    }

    private static async Task<IReadOnlyList<ErasedRecord>> EraseAsync(HandoverDbContext db, RetentionBatch batch, CancellationToken ct)
    {
        var completed = await db.Handovers.AsNoTracking()
            .Where(h => h.Status == HandoverStatus.Completed && h.CompletedAt < batch.Cutoff)
            .OrderBy(h => h.CompletedAt).Take(batch.Take).Select(h => h.Id).ToListAsync(ct);
        // The declines are a JSON list: the last one's time is a question for PostgreSQL.
        var declined = await db.Database.SqlQuery<Guid>($"""
            SELECT h.id AS "Value" FROM handover.handovers h
            WHERE h.status = 'Declined'
              AND (SELECT max(coalesce(d->>'At', d->>'at')::timestamptz) FROM jsonb_array_elements(h.declines) d) < {batch.Cutoff}
            ORDER BY h.started_at LIMIT {batch.Take}
            """).ToListAsync(ct);
        var ids = completed.Concat(declined).Take(batch.Take).ToList();
        var due = await db.Handovers.AsNoTracking().Where(h => ids.Contains(h.Id))
            .Select(h => new ErasedRecord(h.Id.ToString(), h.ChildReference)).ToListAsync(ct);
        await db.Handovers.Where(h => ids.Contains(h.Id)).ExecuteDeleteAsync(ct);
        return due;
    }
}
