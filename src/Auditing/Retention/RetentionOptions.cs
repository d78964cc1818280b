namespace Platform.Auditing.Retention;

/// <summary>
/// A service's retention settings (section <c>Retention</c>). The terms are regional settings with
/// legal defaults (docs/security.md): <c>Retention:Years:case = 20</c> and so on.
/// </summary>
public sealed class RetentionOptions
{
    public bool Enabled { get; set; } = true;
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(6);
    /// <summary>Records erased per transaction: a backlog is worked off in small steps, never one long lock.</summary>
    public int BatchSize { get; set; } = 200;
    /// <summary>Overrides of the rules' default terms, by record type.</summary>
    public Dictionary<string, int> Years { get; set; } = [];
}

/// <summary>One step of a rule: erase at most <paramref name="Take"/> records whose term ended before <paramref name="Cutoff"/>.</summary>
public sealed record RetentionBatch(DateTimeOffset Cutoff, DateTimeOffset Now, int Take);

/// <summary>A record the job erased: for its line in the access log.</summary>
public sealed record ErasedRecord(string RecordId, string? ChildReference);

/// <summary>
/// One kind of record and when it goes: <paramref name="DefaultYears"/> after the moment
/// <paramref name="Erase"/> compares with the cutoff (the last change, the case's closing). Erase
/// removes one batch inside the job's transaction and names what it removed; the rule says in
/// <paramref name="Basis"/> where the term comes from.
/// </summary>
public sealed record RetentionRule<TDbContext>(
    string RecordType, int DefaultYears, string Basis,
    Func<TDbContext, RetentionBatch, CancellationToken, Task<IReadOnlyList<ErasedRecord>>> Erase);
