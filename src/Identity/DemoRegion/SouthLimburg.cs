namespace Platform.Identity.DemoRegion;

/// <summary>
/// The demo region of the seeds: South Limburg's 16 municipalities in three sub-regions, an SWV PO
/// and an SWV VO per sub-region, and a few schools and care organisations. Municipality codes are
/// CBS gemeentecodes; the SWV, school and care organisations are demo organisations, not real ones.
/// </summary>
public static class SouthLimburg
{
    public const string WestelijkeMijnstreek = "westelijke-mijnstreek";
    public const string MaastrichtHeuvelland = "maastricht-heuvelland";
    public const string Parkstad = "parkstad";

    /// <summary>(CBS code, name, sub-region) of each municipality.</summary>
    public static readonly IReadOnlyList<(string Code, string Name, string SubRegion)> Municipalities =
    [
        ("GM0888", "Beek", WestelijkeMijnstreek),
        ("GM1883", "Sittard-Geleen", WestelijkeMijnstreek),
        ("GM0971", "Stein", WestelijkeMijnstreek),
        ("GM0935", "Maastricht", MaastrichtHeuvelland),
        ("GM1903", "Eijsden-Margraten", MaastrichtHeuvelland),
        ("GM1729", "Gulpen-Wittem", MaastrichtHeuvelland),
        ("GM0938", "Meerssen", MaastrichtHeuvelland),
        ("GM0981", "Vaals", MaastrichtHeuvelland),
        ("GM0994", "Valkenburg aan de Geul", MaastrichtHeuvelland),
        ("GM0917", "Heerlen", Parkstad),
        ("GM0928", "Kerkrade", Parkstad),
        ("GM0882", "Landgraaf", Parkstad),
        ("GM0899", "Brunssum", Parkstad),
        ("GM1954", "Beekdaelen", Parkstad),
        ("GM0965", "Simpelveld", Parkstad),
        ("GM0986", "Voerendaal", Parkstad),
    ];

    public static IEnumerable<Organisation> Organisations()
    {
        foreach (var (code, name, subRegion) in Municipalities)
            yield return new Organisation(
                $"gemeente-{Slug(name)}", $"Gemeente {name}", OrganisationType.Municipality,
                ["funder", "leerplicht", "youth-care"], Municipality: code, SubRegion: subRegion);

        foreach (var (subRegion, label) in new[] { (WestelijkeMijnstreek, "Westelijke Mijnstreek"), (MaastrichtHeuvelland, "Maastricht-Heuvelland"), (Parkstad, "Parkstad") })
        {
            yield return new Organisation($"swv-po-{subRegion}", $"SWV PO {label}", OrganisationType.Swv, ["funder"], Swv: $"swv-po-{subRegion}", SubRegion: subRegion);
            yield return new Organisation($"swv-vo-{subRegion}", $"SWV VO {label}", OrganisationType.Swv, ["funder"], Swv: $"swv-vo-{subRegion}", SubRegion: subRegion);
        }

        yield return new Organisation("school-bs-de-linde", "Basisschool De Linde (Maastricht)", OrganisationType.School, ["referrer", "attendance-reporter"], "GM0935", "swv-po-maastricht-heuvelland", MaastrichtHeuvelland);
        yield return new Organisation("school-bs-het-palet", "Basisschool Het Palet (Heerlen)", OrganisationType.School, ["referrer", "attendance-reporter"], "GM0917", "swv-po-parkstad", Parkstad);
        yield return new Organisation("school-sbo-de-wissel", "SBO De Wissel (Sittard-Geleen)", OrganisationType.School, ["referrer", "attendance-reporter"], "GM1883", "swv-po-westelijke-mijnstreek", WestelijkeMijnstreek);
        yield return new Organisation("school-vo-college-parkstad", "College Parkstad (Kerkrade)", OrganisationType.School, ["referrer", "attendance-reporter"], "GM0928", "swv-vo-parkstad", Parkstad);
        yield return new Organisation("kinderopvang-de-kleine-wereld", "Kinderopvang De Kleine Wereld (Maastricht)", OrganisationType.Childcare, ["referrer"], "GM0935", SubRegion: MaastrichtHeuvelland);
        yield return new Organisation("jgz-zuid-limburg", "JGZ Zuid-Limburg", OrganisationType.Jgz, ["referrer"]);
        yield return new Organisation("jeugdhulp-horizon", "Jeugdhulp Horizon", OrganisationType.YouthCareProvider, ["care-provider"]);
        yield return new Organisation("escalatietafel-zuid-limburg", "Regionale escalatietafel Zuid-Limburg", OrganisationType.EscalationTable, ["escalation-table"]);
    }

    private static string Slug(string name) => name.ToLowerInvariant().Replace(' ', '-');
}
