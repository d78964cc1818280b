namespace Platform.Directory.Domain;

/// <summary>
/// A collective arrangement (doelgroeparrangement) running at a location, as the regional sociale
/// kaart shows it: what it offers and for whom, from Funding's events. No child, no money.
/// </summary>
public sealed class OfferedArrangement
{
    public Guid ArrangementId { get; set; }
    public string LocationId { get; set; } = "";
    public string Title { get; set; } = "";
    public string TargetGroup { get; set; } = "";
    public List<string> SupportDomains { get; set; } = [];
    public List<string> ServesMunicipalities { get; set; } = [];
    public int Places { get; set; }
    public DateOnly StartsOn { get; set; }
    public DateOnly EndsOn { get; set; }
}
