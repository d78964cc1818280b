namespace Platform.Contracts;

/// <summary>
/// What a location (vestiging) is, in the Dutch school types and the other places children are:
/// the directory's <c>kind</c>. SBO, SO and VSO are special education (speciaal (basis)onderwijs),
/// admitted to with a TLV.
/// </summary>
public static class LocationKinds
{
    /// <summary>Primary school (basisonderwijs).</summary>
    public const string Po = "po";
    /// <summary>Special primary school (speciaal basisonderwijs).</summary>
    public const string Sbo = "sbo";
    /// <summary>Special school (speciaal onderwijs, primary age).</summary>
    public const string So = "so";
    /// <summary>Secondary school (voortgezet onderwijs).</summary>
    public const string Vo = "vo";
    /// <summary>Special secondary school (voortgezet speciaal onderwijs).</summary>
    public const string Vso = "vso";
    /// <summary>Praktijkonderwijs.</summary>
    public const string Pro = "pro";
    /// <summary>Vocational education (middelbaar beroepsonderwijs).</summary>
    public const string Mbo = "mbo";
    /// <summary>Kinderopvang or voorschoolse educatie.</summary>
    public const string Childcare = "childcare";
    /// <summary>Any other place: a JGZ office, a wijkteam, a youth-care provider's location.</summary>
    public const string Other = "other";

    public static readonly IReadOnlyList<string> All = [Po, Sbo, So, Vo, Vso, Pro, Mbo, Childcare, Other];

    /// <summary>The kinds a school location can be.</summary>
    public static readonly IReadOnlyList<string> Schools = [Po, Sbo, So, Vo, Vso, Pro, Mbo];

    /// <summary>Special education: the kinds a TLV admits to (participation in special education counts these).</summary>
    public static readonly IReadOnlyList<string> SpecialEducation = [Sbo, So, Vso];

    public static bool IsSchool(string kind) => Schools.Contains(kind);
    public static bool IsSpecialEducation(string kind) => SpecialEducation.Contains(kind);
}
