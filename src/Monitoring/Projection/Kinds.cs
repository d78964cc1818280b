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
    /// <summary>An absence report the monitor counts: a long-term sickness report (the grey zone), or one reported late.</summary>
    public const string AbsenceReport = "absence-report";
    /// <summary>A zorgplicht application (RULES.md §4): counted where the school applied to is, and by its SWV.</summary>
    public const string Zorgplicht = "zorgplicht";
    /// <summary>An ontwikkelingsperspectief (RULES.md §4): its dates only, where the school is.</summary>
    public const string Opp = "opp";
    /// <summary>A dispute at the Geschillencommissie passend onderwijs (RULES.md §4), where the school whose board is party is.</summary>
    public const string Dispute = "dispute";
    /// <summary>The renewal choice of a granted TLV (extend or terugplaatsing, RULES.md §4); its parent is the admission.</summary>
    public const string TlvRenewal = "tlv-renewal";
    /// <summary>The PO→VO school advice of one handover (RULES.md §7), counted where the sending primary school is.</summary>
    public const string SchoolAdvice = "school-advice";

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
    /// <summary>A granted TLV that ended because its validity ran out, on its last valid day.</summary>
    public const string TlvExpired = "tlv-expired";
}

/// <summary>The absence report kinds the monitor reads (Attendance's names, AbsenceReported.Kind).</summary>
public static class AbsenceKinds
{
    /// <summary>The grey zone: sick for long, authorised absence, never a thuiszitter by itself (RULES.md §2).</summary>
    public const string LongTermSickness = "long-term-sickness";
}

/// <summary>An exemption's term (ExemptionGranted.Permanent).</summary>
public static class ExemptionTerms
{
    /// <summary>Renewed every school year before 1 July (RULES.md §3).</summary>
    public const string Temporary = "temporary";
    /// <summary>A 5 sub a exemption whose statement says "never": no yearly renewal, to the end of compulsory schooling (RULES.md §3).</summary>
    public const string Permanent = "permanent";
}

/// <summary>
/// The school type a thuiszitter's school belongs to, from the directory's locations of the reporting school: PO (basisonderwijs
/// and SBO, both under the WPO), VO (with praktijkonderwijs, the WVO), (V)SO (SO and VSO, the WEC) and MBO; a child not enrolled
/// anywhere (absolute verzuim) apart; a school whose locations are of more than one type, or unknown, as unknown.
/// </summary>
public static class SchoolTypes
{
    public const string Po = "po";
    public const string Vo = "vo";
    public const string SoVso = "so-vso";
    public const string Mbo = "mbo";
    public const string NotEnrolled = "not-enrolled";
    public const string Unknown = "unknown";

    /// <summary>The school type of a location kind (<see cref="Platform.Contracts.LocationKinds"/>); null for what is no school.</summary>
    public static string? Of(string locationKind) => locationKind switch
    {
        "po" or "sbo" => Po,
        "vo" or "pro" => Vo,
        "so" or "vso" => SoVso,
        "mbo" => Mbo,
        _ => null,
    };
}
