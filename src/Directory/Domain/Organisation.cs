using Platform.Contracts;

namespace Platform.Directory.Domain;

/// <summary>
/// An organisation of the regional network: a municipality, a samenwerkingsverband, a school,
/// childcare, JGZ, a youth-care provider, the escalation table or the region's office. Its id is the
/// <c>org_id</c> its tokens carry, so every service can name it and look it up here.
/// </summary>
public sealed class Organisation
{
    public string Id { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string Type { get; private set; } = "";
    /// <summary>For a municipality its own CBS code; otherwise where it is seated, when it is local.</summary>
    public string? Municipality { get; private set; }
    /// <summary>The SWV a school belongs to; an SWV's own id for an SWV.</summary>
    public string? Swv { get; private set; }
    /// <summary>The sub-region it works in, when it works in one (an SWV's area).</summary>
    public string? SubRegion { get; private set; }
    public bool Active { get; private set; }
    /// <summary>A school's board (bevoegd gezag), when the keepers recorded it.</summary>
    public string? BoardId { get; private set; }
    public DateTimeOffset ChangedAt { get; private set; }

    private Organisation() { }

    public static Organisation Register(string id, OrganisationDetails details, DirectoryReferences references, DateTimeOffset now)
    {
        if (!DirectoryIds.IsSlug(id)) throw new DomainRuleException("id", "Lower-case letters, digits and hyphens, 2 to 100 characters.");
        var organisation = new Organisation { Id = id, Active = true };
        organisation.Change(details, references, now);
        return organisation;
    }

    /// <summary>Every type has what it needs: a municipality its CBS code, an SWV its area, a school its SWV.</summary>
    public void Change(OrganisationDetails d, DirectoryReferences references, DateTimeOffset now)
    {
        if (!OrganisationTypes.All.Contains(d.Type)) throw new DomainRuleException("type", $"One of: {string.Join(", ", OrganisationTypes.All)}.");
        if (Type.Length > 0 && d.Type != Type) throw new DomainRuleException("type", $"An organisation stays {Type}; register a new one instead.");
        var municipality = d.Municipality;
        var subRegion = d.SubRegion;
        var swv = d.Swv;
        if (municipality is not null && !references.Municipalities.ContainsKey(municipality))
            throw new DomainRuleException("municipality", $"'{municipality}' is not a municipality of the region.");
        if (subRegion is not null && !references.SubRegions.Contains(subRegion))
            throw new DomainRuleException("subRegion", $"'{subRegion}' is not a sub-region of the region.");
        switch (d.Type)
        {
            case OrganisationTypes.Municipality:
                if (municipality is null) throw new DomainRuleException("municipality", "A municipality names its own CBS code.");
                subRegion = references.Municipalities[municipality];
                swv = null;
                break;
            case OrganisationTypes.Swv:
                if (subRegion is null) throw new DomainRuleException("subRegion", "An SWV names the sub-region it serves.");
                swv = Id;
                break;
            case OrganisationTypes.School:
                if (municipality is null) throw new DomainRuleException("municipality", "A school names the municipality it is in.");
                if (swv is null) throw new DomainRuleException("swv", "A school names the samenwerkingsverband it belongs to.");
                if (!references.Swvs.Contains(swv)) throw new DomainRuleException("swv", $"'{swv}' is not a samenwerkingsverband in the directory.");
                subRegion ??= references.Municipalities[municipality];
                break;
            default:
                if (swv is not null) throw new DomainRuleException("swv", "Only schools belong to a samenwerkingsverband.");
                if (municipality is not null) subRegion ??= references.Municipalities[municipality];
                break;
        }
        if (d.BoardId is not null)
        {
            if (d.Type != OrganisationTypes.School)
                throw new DomainRuleException("boardId", "Only a school has a board (bevoegd gezag) here.");
            if (!references.Boards.Contains(d.BoardId))
                throw new DomainRuleException("boardId", $"'{d.BoardId}' is not a school board (bevoegd gezag) in the directory.");
        }
        (Name, Type, Municipality, Swv, SubRegion, ChangedAt) = (d.Name, d.Type, municipality, swv, subRegion, now);
        Active = d.Active ?? Active;
        // Like Active: left out keeps the board recorded (a school changes board, it does not lose one).
        BoardId = d.BoardId ?? BoardId;
    }
}

/// <summary>What may be said about an organisation (shape checked by the API, rules here).</summary>
public sealed record OrganisationDetails(string Name, string Type, string? Municipality, string? Swv, string? SubRegion, bool? Active, string? BoardId = null);

/// <summary>What the directory holds now, for the rules that refer to it.</summary>
public sealed record DirectoryReferences(
    IReadOnlyDictionary<string, string> Municipalities, IReadOnlySet<string> SubRegions, IReadOnlySet<string> Swvs,
    IReadOnlyDictionary<string, string> OrganisationTypes, IReadOnlySet<string> Boards);
