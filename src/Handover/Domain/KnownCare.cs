namespace Platform.Handover.Domain;

/// <summary>An arrangement Funding placed the child in: listed as care on the child's handovers.</summary>
public sealed class KnownArrangement
{
    public Guid PlacementId { get; set; }
    public string ChildReference { get; set; } = "";
    public Guid ArrangementId { get; set; }
    public string Kind { get; set; } = "";
    public DateOnly StartsOn { get; set; }
    /// <summary>The day Funding ended the placement: from then on it is no longer the child's current care in a new handover.</summary>
    public DateOnly? EndedOn { get; set; }

    public bool IsCurrentOn(DateOnly day) => EndedOn is null || EndedOn > day;
}

/// <summary>
/// A TLV the SWV granted the child (from Funding's events): a terugplaatsing names the TLV it ends,
/// and only a TLV of this child that is still running can be named.
/// </summary>
public sealed class KnownTlv
{
    public Guid TlvId { get; set; }
    public string ChildReference { get; set; } = "";
    public string Kind { get; set; } = "";
    public DateOnly ValidUntil { get; set; }
    public DateOnly? EndedOn { get; set; }
}
