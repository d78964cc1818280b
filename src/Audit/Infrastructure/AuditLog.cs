using Microsoft.EntityFrameworkCore;
using Platform.Audit.Domain;
using Platform.Contracts.Audit;

namespace Platform.Audit.Infrastructure;

/// <summary>How lines are added: one at a time under a lock, each chained to the last with the chain key, inside the caller's transaction.</summary>
public static class AuditLog
{
    private const long ChainLock = 7513;

    /// <summary>Appends <paramref name="record"/> (once per audit id). The caller saves and commits.</summary>
    public static async Task AppendAsync(AuditDbContext db, ChainKeys keys, AuditRecorded record, DateTimeOffset now, CancellationToken ct)
    {
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({ChainLock})", ct);
        if (await db.Entries.AnyAsync(e => e.AuditId == record.AuditId, ct)) return;
        var previous = await db.Entries.AsNoTracking().OrderByDescending(e => e.Sequence).Select(e => e.Hash).FirstOrDefaultAsync(ct) ?? "";
        db.Entries.Add(AuditEntry.From(record, previous, now, keys));
    }
}
