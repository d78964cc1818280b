namespace Platform.Intake.Domain;

/// <summary>Ondersteuningsbehoefte: what the child needs in one domain, in the referrer's words.</summary>
public sealed class SupportNeed
{
    public SupportDomain Domain { get; private set; }
    public string Description { get; private set; } = "";

    private SupportNeed() { }

    public SupportNeed(SupportDomain domain, string description)
    {
        Domain = domain;
        Description = description;
    }
}
