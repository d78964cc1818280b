using Platform.Contracts;
using Platform.Contracts.Directory;

namespace Platform.DemoRegion;

/// <summary>
/// The demo region of the seeds: South Limburg's 16 municipalities in three sub-regions, an SWV PO
/// and an SWV VO per sub-region, and a few schools, care organisations and their locations.
/// Municipality codes are CBS gemeentecodes; every school, BRIN code, contact and pupil count is
/// invented. Identity registers a client per organisation; the Directory serves the rest.
/// </summary>
public static class SouthLimburg
{
    public const string Region = "zuid-limburg";
    public const string RegionName = "Zuid-Limburg";
    public const string WestelijkeMijnstreek = "westelijke-mijnstreek";
    public const string MaastrichtHeuvelland = "maastricht-heuvelland";
    public const string Parkstad = "parkstad";
    /// <summary>The region's office that keeps the directory (and registered the demo experts).</summary>
    public const string DirectoryKeeper = "regio-zuid-limburg";

    public static readonly IReadOnlyList<(string Id, string Name)> SubRegions =
    [
        (WestelijkeMijnstreek, "Westelijke Mijnstreek"), (MaastrichtHeuvelland, "Maastricht-Heuvelland"), (Parkstad, "Parkstad"),
    ];

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

    public const string SchoolYear = "2026-2027";
    public const string PreviousSchoolYear = "2025-2026";

    private static readonly string[] SchoolRoles = ["referrer", "attendance-reporter"];

    public static IEnumerable<DemoOrganisation> Organisations()
    {
        foreach (var (code, name, subRegion) in Municipalities)
            yield return new DemoOrganisation(
                MunicipalityOrganisation(name), $"Gemeente {name}", OrganisationTypes.Municipality,
                // The municipality administers its own people (who signs in through its identity provider, with which roles).
                ["funder", "leerplicht", "youth-care", "people-admin"], Municipality: code, SubRegion: subRegion);

        foreach (var (subRegion, label) in SubRegions)
        {
            yield return new DemoOrganisation($"swv-po-{subRegion}", $"SWV PO {label}", OrganisationTypes.Swv, ["funder", "tlv"], Swv: $"swv-po-{subRegion}", SubRegion: subRegion);
            yield return new DemoOrganisation($"swv-vo-{subRegion}", $"SWV VO {label}", OrganisationTypes.Swv, ["funder", "tlv"], Swv: $"swv-vo-{subRegion}", SubRegion: subRegion);
        }

        yield return new DemoOrganisation("school-bs-de-linde", "Basisschool De Linde (Maastricht)", OrganisationTypes.School, SchoolRoles, "GM0935", "swv-po-maastricht-heuvelland", MaastrichtHeuvelland, Kindante);
        yield return new DemoOrganisation("school-bs-het-palet", "Basisschool Het Palet (Heerlen)", OrganisationTypes.School, SchoolRoles, "GM0917", "swv-po-parkstad", Parkstad, Movare);
        yield return new DemoOrganisation("school-sbo-de-wissel", "SBO De Wissel (Sittard-Geleen)", OrganisationTypes.School, SchoolRoles, "GM1883", "swv-po-westelijke-mijnstreek", WestelijkeMijnstreek, Kindante);
        yield return new DemoOrganisation("school-sbo-het-kompas", "SBO Het Kompas (Maastricht)", OrganisationTypes.School, SchoolRoles, "GM0935", "swv-po-maastricht-heuvelland", MaastrichtHeuvelland, Kindante);
        yield return new DemoOrganisation("school-vo-college-parkstad", "College Parkstad (Kerkrade)", OrganisationTypes.School, SchoolRoles, "GM0928", "swv-vo-parkstad", Parkstad, Lvo);
        yield return new DemoOrganisation("school-vso-de-berg", "VSO De Berg (Heerlen)", OrganisationTypes.School, SchoolRoles, "GM0917", "swv-vo-parkstad", Parkstad, SoParkstad);
        yield return new DemoOrganisation("kinderopvang-de-kleine-wereld", "Kinderopvang De Kleine Wereld (Maastricht)", OrganisationTypes.Childcare, ["referrer"], "GM0935", SubRegion: MaastrichtHeuvelland);
        yield return new DemoOrganisation("jgz-zuid-limburg", "JGZ Zuid-Limburg", OrganisationTypes.Jgz, ["referrer", "expert"]);
        yield return new DemoOrganisation("jeugdhulp-horizon", "Jeugdhulp Horizon", OrganisationTypes.YouthCareProvider, ["care-provider", "expert"]);
        yield return new DemoOrganisation("escalatietafel-zuid-limburg", "Regionale escalatietafel Zuid-Limburg", OrganisationTypes.EscalationTable, ["escalation-table"]);
        yield return new DemoOrganisation(DirectoryKeeper, "Regiobureau Zuid-Limburg", OrganisationTypes.Region, ["directory-admin", "monitoring-admin", "client-admin"]);
        // The platform's privacy officer (functionaris gegevensbescherming): reads the access log, sees no case.
        yield return new DemoOrganisation("fg-zuid-limburg", "Functionaris gegevensbescherming Zuid-Limburg", OrganisationTypes.Region, ["privacy-officer"]);
    }

    private const string Kindante = "stichting-kindante", Movare = "stichting-movare", Lvo = "stichting-lvo", SoParkstad = "stichting-so-parkstad";

    /// <summary>The school boards (bevoegd gezag) of the demo schools; every school has one.</summary>
    public static readonly IReadOnlyList<DemoBoard> Boards =
    [
        new(Kindante, "Stichting Kindante"), new(Movare, "Stichting Movare"), new(Lvo, "Stichting LVO"),
        new(SoParkstad, "Stichting Speciaal Onderwijs Parkstad"),
    ];

    /// <summary>
    /// The persons registered as TLV experts (RULES.md §4). A. Janssen advises for Horizon but is employed by
    /// Kindante, De Linde's board: never the first expert on a TLV of De Linde (LBT 2017/2019).
    /// </summary>
    public static readonly IReadOnlyList<DemoExpert> Experts =
    [
        new("horizon-a-janssen", "Drs. A. Janssen", "jeugdhulp-horizon", Kindante, ["orthopedagoog"]),
        new("horizon-b-peters", "Drs. B. Peters", "jeugdhulp-horizon", null, ["orthopedagoog", "psycholoog"]),
        new("horizon-c-smeets", "C. Smeets", "jeugdhulp-horizon", null, ["pedagoog", "maatschappelijk-werker"]),
        new("jgz-e-maas", "Dr. E. Maas", "jgz-zuid-limburg", null, ["arts"]),
        new("jgz-f-hermans", "Drs. F. Hermans", "jgz-zuid-limburg", null, ["psycholoog", "kinder-en-jeugdpsycholoog"]),
    ];

    public static IEnumerable<DemoLocation> Locations()
    {
        yield return School("27DL00", "school-bs-de-linde", "Basisschool De Linde", LocationKinds.Po, "GM0935", "swv-po-maastricht-heuvelland", "Lindenkruis 12", "6216 AB", "Maastricht");
        yield return School("27DL01", "school-bs-de-linde", "Basisschool De Linde, locatie Wyck", LocationKinds.Po, "GM0935", "swv-po-maastricht-heuvelland", "Rechtstraat 40", "6221 EH", "Maastricht");
        yield return School("27HK00", "school-sbo-het-kompas", "SBO Het Kompas", LocationKinds.Sbo, "GM0935", "swv-po-maastricht-heuvelland", "Kompasweg 3", "6225 CD", "Maastricht");
        yield return School("19HP00", "school-bs-het-palet", "Basisschool Het Palet", LocationKinds.Po, "GM0917", "swv-po-parkstad", "Paletstraat 8", "6411 AA", "Heerlen");
        yield return School("23DW00", "school-sbo-de-wissel", "SBO De Wissel", LocationKinds.Sbo, "GM1883", "swv-po-westelijke-mijnstreek", "Wisselstraat 21", "6131 BA", "Sittard");
        yield return School("30CP00", "school-vo-college-parkstad", "College Parkstad", LocationKinds.Vo, "GM0928", "swv-vo-parkstad", "Collegeweg 1", "6461 AB", "Kerkrade");
        yield return School("30CP01", "school-vo-college-parkstad", "College Parkstad Praktijkonderwijs", LocationKinds.Pro, "GM0928", "swv-vo-parkstad", "Collegeweg 5", "6461 AB", "Kerkrade");
        yield return School("19DB00", "school-vso-de-berg", "VSO De Berg", LocationKinds.Vso, "GM0917", "swv-vo-parkstad", "Bergweg 17", "6419 BB", "Heerlen");
        yield return new DemoLocation("kdv-de-kleine-wereld", "kinderopvang-de-kleine-wereld", "Kinderdagverblijf De Kleine Wereld", LocationKinds.Childcare,
            "GM0935", null, "Wereldplein 2", "6217 KL", "Maastricht", Contacts("GM0935", "Maastricht", withSchoolSocialWork: false));
    }

    /// <summary>Pupils per school location on 1 October, for the current and the previous school year.</summary>
    public static IEnumerable<DemoPupilCount> PupilCounts()
    {
        var counts = new Dictionary<string, (int Previous, int Current)>
        {
            ["27DL00"] = (405, 412), ["27DL01"] = (141, 138), ["27HK00"] = (112, 118), ["19HP00"] = (292, 286),
            ["23DW00"] = (158, 164), ["30CP00"] = (1221, 1240), ["30CP01"] = (190, 196), ["19DB00"] = (139, 142),
        };
        foreach (var (location, (previous, current)) in counts)
        {
            yield return new DemoPupilCount(location, PreviousSchoolYear, previous);
            yield return new DemoPupilCount(location, SchoolYear, current);
        }
    }

    /// <summary>The demo directory as the snapshot every service keeps (tests seed their copies with it).</summary>
    public static DirectoryPublished Snapshot(long version = 1, DateTimeOffset? at = null) => new(
        version, Region, RegionName,
        [.. SubRegions.Select(s => new DirectorySubRegion(s.Id, s.Name))],
        [.. Municipalities.Select(m => new DirectoryMunicipality(m.Code, m.Name, m.SubRegion))],
        [.. Organisations().Select(o => new DirectoryOrganisation(o.Id, o.Name, o.Type, o.Municipality, o.Swv, o.SubRegion, true, o.BoardId))],
        [.. Locations().Select(l => new DirectoryLocation(l.Id, l.OrganisationId, l.Name, l.Kind, l.Municipality, l.Swv, true))],
        [.. PupilCounts().Select(p => new DirectoryPupilCount(p.LocationId, p.SchoolYear, p.Pupils))],
        at ?? new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero),
        [.. Boards.Select(b => new DirectoryBoard(b.Id, b.Name))],
        [.. Experts.Select(e => new DirectoryExpert(e.PersonId, e.OrganisationId, e.BoardId, e.Disciplines, true))]);

    public static string MunicipalityOrganisation(string municipalityName) => $"gemeente-{municipalityName.ToLowerInvariant().Replace(' ', '-')}";

    private static DemoLocation School(string id, string organisation, string name, string kind, string municipality, string swv,
        string street, string postalCode, string place) =>
        new(id, organisation, name, kind, municipality, swv, street, postalCode, place,
            Contacts(municipality, Municipalities.Single(m => m.Code == municipality).Name, withSchoolSocialWork: true));

    /// <summary>The four fixed contacts every school has: wijkteam and leerplicht from its municipality, JGZ, school social work.</summary>
    private static List<DemoContact> Contacts(string municipality, string place, bool withSchoolSocialWork)
    {
        var gemeente = MunicipalityOrganisation(place);
        var domain = $"{gemeente["gemeente-".Length..]}.example";
        var area = municipality[2..];
        var contacts = new List<DemoContact>
        {
            new("wijkteam", gemeente, $"Wijkteam {place}", $"0{area[1..]}-555 01 00", $"wijkteam@{domain}"),
            new("jgz", "jgz-zuid-limburg", $"JGZ-verpleegkundige {place}", "088-555 02 00", $"jgz.{domain}@jgz-zuid-limburg.example"),
            new("leerplicht", gemeente, $"Leerplicht {place}", $"0{area[1..]}-555 03 00", $"leerplicht@{domain}"),
        };
        if (withSchoolSocialWork)
            contacts.Add(new("school-social-work", "jeugdhulp-horizon", $"Schoolmaatschappelijk werk {place}", "088-555 04 00", $"smw.{domain}@horizon.example"));
        return contacts;
    }
}
