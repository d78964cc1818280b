namespace Platform.Audit;

/// <summary>The <c>Audit</c> section.</summary>
public sealed class AuditOptions
{
    /// <summary>
    /// How long lines are kept. NEN 7513 leaves the term to the organisation; healthcare practice is
    /// 5 years. A regional setting (docs/security.md).
    /// </summary>
    public int RetentionYears { get; set; } = 5;
    public bool RetentionEnabled { get; set; } = true;
    public TimeSpan RetentionInterval { get; set; } = TimeSpan.FromHours(6);
}
