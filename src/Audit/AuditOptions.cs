namespace Platform.Audit;

/// <summary>The <c>Audit</c> section.</summary>
public sealed class AuditOptions
{
    /// <summary>
    /// How long lines are kept. NEN 7513 leaves the term to the organisation; healthcare practice is
    /// 5 years. A regional setting (docs/security.md). The database refuses a term shorter than the
    /// minimum its owner set (<c>audit.retention_policy</c>), whatever this says.
    /// </summary>
    public int RetentionYears { get; set; } = 5;
    public bool RetentionEnabled { get; set; } = true;
    public TimeSpan RetentionInterval { get; set; } = TimeSpan.FromHours(6);

    /// <summary>
    /// The keys of the hash chain (HMAC-SHA256), by id: base64 of at least 32 random bytes, from a
    /// secret, never in the database. Old ids stay listed after a rotation so older lines still verify.
    /// </summary>
    public Dictionary<string, string> ChainKeys { get; set; } = [];

    /// <summary>The id in <see cref="ChainKeys"/> new lines are keyed with.</summary>
    public string ChainKeyId { get; set; } = "";

    public AnchorOptions Anchors { get; set; } = new();
}

/// <summary>The <c>Audit:Anchors</c> section: signed checkpoints of the chain's head, kept outside the database.</summary>
public sealed class AnchorOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>How often the head is anchored; lines after the last anchor are protected by the chain's key only.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// The store: a folder (locally under the AppHost's data directory; in Kubernetes a volume backed
    /// by write-once object storage). Never the audit database's own server.
    /// </summary>
    public string Directory { get; set; } = "";

    /// <summary>The signing key of the checkpoints (HMAC-SHA256, base64, from a secret; not the chain's key).</summary>
    public string SigningKey { get; set; } = "";
}
