using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Platform.Audit.Apis;
using Platform.Audit.Domain;
using Platform.Audit.Jobs;

namespace Platform.Audit.Infrastructure;

/// <summary>
/// Verifies the log (NEN 7513, BIO): every line's keyed hash matches its content and the line
/// before; the oldest line is the first ever or the first one a (keyed) retention run says it kept;
/// and every signed checkpoint in the anchor store still matches the line it anchored. So a line
/// rewritten and the chain re-hashed without the key, the oldest lines removed, or the newest lines
/// removed up to an anchor, all show. Lines after the last anchor are protected by the key only.
/// </summary>
public static class AuditChain
{
    public static async Task<IntegrityResponse> VerifyAsync(AuditDbContext db, ChainKeys keys, IAnchorStore store, AnchorKey anchorKey, CancellationToken ct)
    {
        var problems = new List<string>();
        long? brokenAt = null;
        void Broken(long? sequence, string problem)
        {
            problems.Add(problem);
            if (sequence is { } s && (brokenAt is null || s < brokenAt)) brokenAt = s;
        }

        // The checkpoints first: one with a bad signature was not written by the service.
        var anchors = new SortedDictionary<long, Checkpoint>();
        foreach (var stored in await store.ReadAllAsync(ct))
        {
            if (stored.Checkpoint is not { } checkpoint) problems.Add($"Anchor {stored.Name} cannot be read: {stored.Unreadable}.");
            else if (!checkpoint.IsSignedWith(anchorKey.Bytes)) problems.Add($"Anchor {stored.Name} is not signed with the anchor key.");
            else if (anchors.TryGetValue(checkpoint.Sequence, out var other) && other.Hash != checkpoint.Hash)
                problems.Add($"Two anchors of line {checkpoint.Sequence} disagree.");
            else anchors[checkpoint.Sequence] = checkpoint;
        }

        long count = 0, after = 0;
        AuditEntry? first = null, lastRetention = null;
        long? last = null;
        string? previous = null;
        var matched = new HashSet<long>();
        var walking = true;
        while (walking)
        {
            var page = await db.Entries.AsNoTracking().Where(e => e.Sequence > after).OrderBy(e => e.Sequence).Take(1000).ToListAsync(ct);
            if (page.Count == 0) break;
            foreach (var entry in page)
            {
                // A line without a key id was not written by this service's keyed chain (or predates it): it cannot be vouched for.
                if (entry.KeyId is null) { Broken(entry.Sequence, $"Line {entry.Sequence} is not keyed: it cannot be verified."); walking = false; break; }
                if (keys.Find(entry.KeyId) is not { } key) { Broken(entry.Sequence, $"Line {entry.Sequence} names a chain key '{entry.KeyId}' this service does not hold."); walking = false; break; }
                if (entry.ComputeHash(key) != entry.Hash) { Broken(entry.Sequence, $"Line {entry.Sequence} does not match its hash: it was changed."); walking = false; break; }
                if (previous is not null && entry.PreviousHash != previous)
                {
                    Broken(entry.Sequence, $"Line {entry.Sequence} does not follow the line before it: lines were removed or replaced."); walking = false; break;
                }
                if (anchors.TryGetValue(entry.Sequence, out var anchor))
                {
                    if (anchor.Hash != entry.Hash) Broken(entry.Sequence, $"Line {entry.Sequence} differs from its anchor of {anchor.At:O}.");
                    matched.Add(entry.Sequence);
                }
                if (entry is { Service: "audit", Action: "erase", RecordType: AuditRetention.RunRecordType, KeyId: not null }) lastRetention = entry;
                (previous, first, last) = (entry.Hash, first ?? entry, entry.Sequence);
                count++;
            }
            after = page[^1].Sequence;
        }

        // Where the chain may start: at the first line ever, or where the last retention run said it kept.
        long? declared = lastRetention is null ? null
            : long.TryParse(lastRetention.RecordId, CultureInfo.InvariantCulture, out var kept) ? kept : lastRetention.Sequence;
        var startByRetention = first is not null && declared == first.Sequence;
        if (walking && first is { PreviousHash.Length: > 0 } && !startByRetention)
            Broken(first.Sequence, $"The oldest line {first.Sequence} follows a line that is gone, and no retention run removed it: the oldest lines were removed.");

        // Every anchored line must still be there, unchanged; an anchor below the first line kept is fine only after retention.
        if (walking)
        {
            foreach (var anchor in anchors.Values)
            {
                if (first is not null && anchor.Sequence < first.Sequence)
                {
                    // Removed by retention is fine; otherwise the oldest lines were removed (a new first line cannot pretend to be the first ever).
                    if (!startByRetention) Broken(first.Sequence, $"Line {anchor.Sequence} was anchored at {anchor.At:O} and is gone: the oldest lines were removed.");
                }
                else if (last is null || anchor.Sequence > last)
                    Broken(anchor.Sequence, $"Line {anchor.Sequence} was anchored at {anchor.At:O} and is gone: the newest lines were removed.");
                else if (!matched.Contains(anchor.Sequence))
                    Broken(anchor.Sequence, $"Line {anchor.Sequence} was anchored at {anchor.At:O} and is gone.");
            }
        }

        var lastAnchor = anchors.Values.LastOrDefault();
        return new IntegrityResponse(count, first?.Sequence, last, problems.Count == 0, brokenAt,
            anchors.Count, lastAnchor?.Sequence, lastAnchor?.At, problems);
    }
}
