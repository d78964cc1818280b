namespace Platform.Contracts;

/// <summary>
/// The kinds of organisation in a regional network, as they appear in the token's <c>org_type</c>,
/// in the directory and in events (e.g. <c>ReferralSubmitted.ReferringOrganisationType</c>).
/// </summary>
public static class OrganisationTypes
{
    public const string Municipality = "municipality";
    /// <summary>Samenwerkingsverband passend onderwijs (PO or VO).</summary>
    public const string Swv = "swv";
    public const string School = "school";
    public const string Childcare = "childcare";
    /// <summary>Jeugdgezondheidszorg (youth health care, GGD).</summary>
    public const string Jgz = "jgz";
    public const string YouthCareProvider = "youth-care-provider";
    /// <summary>The regional escalation table with doorzettingsmacht.</summary>
    public const string EscalationTable = "escalation-table";
    /// <summary>The region's office that runs the shared backbone: keeps the directory, takes the 0-meting.</summary>
    public const string Region = "region";

    public static readonly IReadOnlyList<string> All = [Municipality, Swv, School, Childcare, Jgz, YouthCareProvider, EscalationTable, Region];
}
