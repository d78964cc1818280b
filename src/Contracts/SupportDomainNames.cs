namespace Platform.Contracts;

/// <summary>
/// The support-need domains as they travel in events (e.g. <c>ArrangementRequested.SupportDomains</c>):
/// a need, never a diagnosis or label. Intake defines them; Funding matches arrangements on them.
/// </summary>
public static class SupportDomainNames
{
    public static readonly IReadOnlyList<string> All = ["learning", "social-emotional", "home-situation", "health-development", "attendance"];
}
