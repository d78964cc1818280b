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
    /// <summary>A TLV request: the child's home municipality and the deciding SWV.</summary>
    public const string Tlv = "tlv";
    /// <summary>A granted TLV as an admission to special education: where (the receiving school) and while it runs.</summary>
    public const string Admission = "admission";

    public static string Id(string kind, Guid id) => $"{kind}:{id}";
}

/// <summary>Facts that are not an indicator by themselves but the population of a median.</summary>
public static class FactKinds
{
    /// <summary>Per case, its first knooppunt: days from the first referral to it.</summary>
    public const string FirstKnooppuntDays = "first-knooppunt-days";
    /// <summary>Per case, the first knooppunt's next step: days from the first referral to its start.</summary>
    public const string FirstStepDays = "first-step-days";
    /// <summary>A granted TLV that ended with a terugplaatsing (back to regular education), on its last day.</summary>
    public const string TlvTerugplaatsing = "tlv-terugplaatsing";
}
