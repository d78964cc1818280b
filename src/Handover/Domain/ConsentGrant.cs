namespace Platform.Handover.Domain;

/// <summary>
/// What Handover knows of Intake's consents: which organisations may see a child's data, until
/// when, and whether it was withdrawn. Fed by ConsentGranted/ConsentWithdrawn; the dossier is shown
/// to a receiver only while one of these covers it.
/// </summary>
public sealed class ConsentGrant
{
    public Guid ConsentId { get; set; }
    public string ChildReference { get; set; } = "";
    public List<string> Organisations { get; set; } = [];
    public DateOnly? ExpiresOn { get; set; }
    public DateTimeOffset? WithdrawnAt { get; set; }

    public bool Covers(string organisationId, DateOnly today) =>
        WithdrawnAt is null && (ExpiresOn is null || today <= ExpiresOn) && Organisations.Contains(organisationId);
}

/// <summary>An arrangement Funding placed the child in: listed as care on the child's handovers.</summary>
public sealed class KnownArrangement
{
    public Guid PlacementId { get; set; }
    public string ChildReference { get; set; } = "";
    public Guid ArrangementId { get; set; }
    public string Kind { get; set; } = "";
    public DateOnly StartsOn { get; set; }
}
