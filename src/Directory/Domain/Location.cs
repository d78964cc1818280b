using Platform.Contracts;

namespace Platform.Directory.Domain;

/// <summary>
/// Vestiging: a place where children are, of one organisation. A school location carries its BRIN
/// and branch code (its id is the two together), its type (PO, SBO, SO, VO, VSO, PrO, MBO) and its
/// SWV; every location has its municipality and its fixed contacts (vaste aanspreekpunten).
/// </summary>
public sealed class Location
{
    public string Id { get; private set; } = "";
    public string OrganisationId { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string Kind { get; private set; } = "";
    public string? Brin { get; private set; }
    public string? BranchCode { get; private set; }
    public string Municipality { get; private set; } = "";
    public string? Swv { get; private set; }
    public Address Address { get; private set; } = new("", "", "");
    public List<FixedContact> Contacts { get; private set; } = [];
    public bool Active { get; private set; }
    public DateTimeOffset ChangedAt { get; private set; }

    private Location() { }

    /// <summary>A school's id is its BRIN and branch code; any other location names its own slug.</summary>
    public static Location Register(string id, LocationDetails details, Organisation organisation, DirectoryReferences references, DateTimeOffset now)
    {
        if (!LocationKinds.All.Contains(details.Kind)) throw new DomainRuleException("kind", $"One of: {string.Join(", ", LocationKinds.All)}.");
        if (LocationKinds.IsSchool(details.Kind))
        {
            if (details.Brin is null || details.BranchCode is null || id != details.Brin + details.BranchCode)
                throw new DomainRuleException("id", "A school location's id is its BRIN and branch code together, e.g. 27DL00.");
        }
        else if (!DirectoryIds.IsSlug(id)) throw new DomainRuleException("id", "Lower-case letters, digits and hyphens, 2 to 100 characters.");
        var location = new Location { Id = id, OrganisationId = organisation.Id, Active = true };
        location.Change(details, organisation, references, now);
        return location;
    }

    public void Change(LocationDetails d, Organisation organisation, DirectoryReferences references, DateTimeOffset now)
    {
        if (organisation.Id != OrganisationId) throw new DomainRuleException("organisationId", "A location stays with its organisation; close it and register a new one.");
        if (!LocationKinds.All.Contains(d.Kind)) throw new DomainRuleException("kind", $"One of: {string.Join(", ", LocationKinds.All)}.");
        if (!references.Municipalities.ContainsKey(d.Municipality)) throw new DomainRuleException("municipality", $"'{d.Municipality}' is not a municipality of the region.");
        string? swv = null;
        if (LocationKinds.IsSchool(d.Kind))
        {
            if (organisation.Type != OrganisationTypes.School) throw new DomainRuleException("kind", "Only a school has school locations.");
            if (d.Brin + d.BranchCode != Id) throw new DomainRuleException("brin", "A school location's BRIN and branch code are its id; they do not change.");
            swv = d.Swv ?? organisation.Swv;
            if (swv is null || !references.Swvs.Contains(swv)) throw new DomainRuleException("swv", "A school location belongs to a samenwerkingsverband in the directory.");
        }
        else if (d.Brin is not null || d.BranchCode is not null) throw new DomainRuleException("brin", "Only school locations have a BRIN.");
        (Name, Kind, Brin, BranchCode, Municipality, Swv, Address, ChangedAt) = (d.Name, d.Kind, d.Brin, d.BranchCode, d.Municipality, swv, d.Address, now);
        Active = d.Active ?? Active;
    }

    /// <summary>Sets the fixed contact for a role; the organisation that provides it must be in the directory.</summary>
    public void SetContact(FixedContact contact, IReadOnlyDictionary<string, string> organisationTypes, DateTimeOffset now)
    {
        if (!ContactRoles.All.Contains(contact.Role)) throw new DomainRuleException("role", $"One of: {string.Join(", ", ContactRoles.All)}.");
        if (!organisationTypes.TryGetValue(contact.ProvidedBy, out var providerType)) throw new DomainRuleException("providedBy", $"'{contact.ProvidedBy}' is not an organisation in the directory.");
        if (!ContactProviders.TypesFor(contact.Role).Contains(providerType))
            throw new DomainRuleException("providedBy", $"A {contact.Role} contact is provided by: {string.Join(" or ", ContactProviders.TypesFor(contact.Role))}.");
        Contacts = [.. Contacts.Where(c => c.Role != contact.Role), contact];
        ChangedAt = now;
    }

    public bool RemoveContact(string role, DateTimeOffset now)
    {
        var before = Contacts.Count;
        Contacts = [.. Contacts.Where(c => c.Role != role)];
        ChangedAt = now;
        return Contacts.Count != before;
    }
}

/// <summary>Visiting address.</summary>
public sealed record Address(string Street, string PostalCode, string Place);

/// <summary>
/// Vast aanspreekpunt: the one person a location calls for a role (wijkteam, JGZ, school social
/// work, leerplicht), and the organisation that provides that person.
/// </summary>
public sealed record FixedContact(string Role, string ProvidedBy, string Name, string? Phone, string? Email);

/// <summary>The roles a location has a fixed contact for (seed 001, 5.1; seed 003, action line 1).</summary>
public static class ContactRoles
{
    public const string Wijkteam = "wijkteam";
    public const string Jgz = "jgz";
    public const string SchoolSocialWork = "school-social-work";
    public const string Leerplicht = "leerplicht";

    public static readonly IReadOnlyList<string> All = [Wijkteam, Jgz, SchoolSocialWork, Leerplicht];
}

/// <summary>Who can provide a location's fixed contact for a role.</summary>
public static class ContactProviders
{
    /// <summary>The kinds of organisation that provide each role.</summary>
    public static IReadOnlyList<string> TypesFor(string role) => role switch
    {
        ContactRoles.Wijkteam or ContactRoles.Leerplicht => [OrganisationTypes.Municipality],
        ContactRoles.Jgz => [OrganisationTypes.Jgz],
        ContactRoles.SchoolSocialWork => [OrganisationTypes.YouthCareProvider, OrganisationTypes.Municipality],
        _ => [],
    };

    /// <summary>
    /// Whether an organisation of <paramref name="type"/> (in <paramref name="municipality"/>) may provide
    /// <paramref name="role"/> at <paramref name="location"/>: a municipality only at its own schools.
    /// </summary>
    public static bool MayProvide(string role, string? type, string? municipality, Location location) =>
        type is not null && TypesFor(role).Contains(type)
        && (type != OrganisationTypes.Municipality || municipality == location.Municipality);
}

/// <summary>What may be said about a location (shape checked by the API, rules here).</summary>
public sealed record LocationDetails(
    string Name, string Kind, string? Brin, string? BranchCode, string Municipality, string? Swv, Address Address, bool? Active);
