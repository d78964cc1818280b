namespace Platform.Intake.Domain;

/// <summary>
/// Ontwikkeldomein: the area a support need is described in. Needs, not diagnoses or labels
/// ("handelingsgericht"): a referral says what the child needs, not what the child "has".
/// </summary>
public enum SupportDomain
{
    Learning,
    SocialEmotional,
    HomeSituation,
    HealthDevelopment,
    Attendance,
}

public static class SupportDomains
{
    /// <summary>The wire names, kebab-case as in the API and events.</summary>
    public static readonly IReadOnlyDictionary<string, SupportDomain> ByName = new Dictionary<string, SupportDomain>
    {
        ["learning"] = SupportDomain.Learning,
        ["social-emotional"] = SupportDomain.SocialEmotional,
        ["home-situation"] = SupportDomain.HomeSituation,
        ["health-development"] = SupportDomain.HealthDevelopment,
        ["attendance"] = SupportDomain.Attendance,
    };

    public static string Name(this SupportDomain domain) => ByName.First(p => p.Value == domain).Key;
}
