namespace Platform.Monitoring.Projection;

/// <summary>What a subject is about; its id is <c>{kind}:{id of the thing}</c>.</summary>
public static class SubjectKinds
{
    public const string Referral = "referral";
    public const string Case = "case";
    public const string Thuiszitter = "thuiszitter";
    public const string Exemption = "exemption";
    public const string Arrangement = "arrangement";
    public const string Placement = "placement";
    public const string Handover = "handover";

    public static string Id(string kind, Guid id) => $"{kind}:{id}";
}

/// <summary>Facts that are not an indicator by themselves but the population of a median.</summary>
public static class FactKinds
{
    /// <summary>Per case, its first knooppunt: days from the first referral to it.</summary>
    public const string FirstKnooppuntDays = "first-knooppunt-days";
    /// <summary>Per case, the first knooppunt's next step: days from the first referral to its start.</summary>
    public const string FirstStepDays = "first-step-days";
}
