using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Audit.Infrastructure;
using Platform.Jobs;

namespace Platform.Audit.Jobs;

/// <summary>
/// Anchors the chain's head outside the database at intervals: a checkpoint (sequence, hash, time)
/// signed with the anchor key, written to the anchor store. Nothing is written while the head stays.
/// </summary>
public sealed partial class AuditAnchoring(IServiceScopeFactory scopes, IAnchorStore store, AnchorKey key, TimeProvider clock,
    IOptions<AuditOptions> options, ILogger<AuditAnchoring> logger) : PeriodicWork(clock, logger)
{
    protected override bool Enabled => options.Value.Anchors.Enabled;
    protected override TimeSpan Interval => options.Value.Anchors.Interval;

    public override async Task<int> RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AuditDbContext>();
        var head = await db.Entries.AsNoTracking().OrderByDescending(e => e.Sequence).Select(e => new { e.Sequence, e.Hash }).FirstOrDefaultAsync(ct);
        if (head is null) return 0;
        if (await store.HasAsync(head.Sequence, ct)) return 0;
        await store.WriteAsync(Checkpoint.Sign(head.Sequence, head.Hash, Clock.GetUtcNow(), key.Bytes), ct);
        LogAnchored(Logger, head.Sequence);
        return 1;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Access log anchored at line {Sequence}.")]
    private static partial void LogAnchored(ILogger logger, long sequence);
}

/// <summary>The anchor signing key (<c>Audit:Anchors:SigningKey</c>), apart from the chain's key.</summary>
public sealed record AnchorKey(byte[] Bytes)
{
    public static AnchorKey From(IOptions<AuditOptions> options) =>
        options.Value.Anchors.SigningKey is { Length: > 0 } base64 && Convert.FromBase64String(base64) is { Length: >= 32 } bytes
            ? new AnchorKey(bytes)
            : throw new InvalidOperationException("Audit:Anchors:SigningKey is required: base64 of at least 32 random bytes, from a secret.");
}
