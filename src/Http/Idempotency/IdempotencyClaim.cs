using System.Security.Cryptography;
using System.Text;

namespace Platform.Http.Idempotency;

/// <summary>
/// A request's claim on its Idempotency-Key while it runs. The claim itself (the placeholder row) is
/// written before the work, in a transaction of its own; what a retry after a crash needs to know is
/// whether the work committed. So the work's own transaction also inserts a commit marker for this
/// claim (<see cref="IdempotencyCommitInterceptor"/>): the marker exists exactly when the work does.
/// </summary>
/// <remarks>
/// A retry that finds a placeholder without an answer after <see cref="IdempotencyOptions.Abandoned"/>
/// inserts the claim's marker itself, as a fence. If that succeeds, the first attempt can never
/// commit (its marker would collide), so the retry takes the key over and runs the work. If the
/// marker is already there, the work was done and only its answer was lost (a crash in the moment
/// between commit and answer): the retry is told so, and nothing runs twice.
/// </remarks>
public sealed class IdempotencyClaim(string organisationId, string key, string requestHash, DateTimeOffset claimedAt)
{
    public string OrganisationId { get; } = organisationId;
    public string Key { get; } = key;
    public string RequestHash { get; } = requestHash;
    public DateTimeOffset ClaimedAt { get; } = claimedAt;

    /// <summary>Set once a transaction holding this claim's marker has committed.</summary>
    public bool WorkCommitted { get; set; }

    /// <summary>
    /// Where the resource the work creates will be (set by the handler before it saves, through
    /// <see cref="IdempotentResource.WillBeAt"/>). It is written with the commit marker, so a retry
    /// told "done, but the answer was lost" also learns where to look the result up.
    /// </summary>
    public string? ResourceLocation { get; set; }

    public string MarkerKey => MarkerKeyOf(Key, ClaimedAt);

    /// <summary>Starts with "~c " (a space: never a client's key, which holds visible characters only).</summary>
    public static string MarkerKeyOf(string key, DateTimeOffset claimedAt) =>
        "~c " + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{key}\n{claimedAt.UtcTicks}")))[..40];

    /// <summary>PostgreSQL keeps microseconds: a claim's time must read back exactly as it was written.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset time) => new(time.UtcTicks - (time.UtcTicks % 10), TimeSpan.Zero);
}
