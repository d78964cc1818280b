using Platform.Contracts;

namespace Platform.Directory.Domain;

/// <summary>
/// Bevoegd gezag: the legal body that runs one or more schools (e.g. Stichting Kindante). The TLV's
/// first expert may not work for the requesting school's board (RULES.md §4, LBT 2017/2019), so the
/// directory knows each school's board and the board an expert works for.
/// </summary>
public sealed class Board
{
    public string Id { get; private set; } = "";
    public string Name { get; private set; } = "";
    public DateTimeOffset ChangedAt { get; private set; }

    private Board() { }

    public static Board Register(string id, string name, DateTimeOffset now)
    {
        if (!DirectoryIds.IsSlug(id)) throw new DomainRuleException("id", "Lower-case letters, digits and hyphens, 2 to 100 characters.");
        return new Board { Id = id, Name = name, ChangedAt = now };
    }

    public void Rename(string name, DateTimeOffset now) => (Name, ChangedAt) = (name, now);
}

/// <summary>
/// A person who may give a TLV advice (deskundige, RULES.md §4): a stable person id (never a name, never a
/// BSN), a display name, the organisation of the directory the person advises for, the school board the
/// person works for (a school's own orthopedagoog works for its board), and the disciplines of §4's
/// profession lists. <see cref="RegisteredBy"/> is the organisation that registered the person: the
/// directory keepers, or an SWV for the experts it works with; only it (or a keeper) changes the person.
/// </summary>
public sealed class Expert
{
    public string PersonId { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string OrganisationId { get; private set; } = "";
    public string? BoardId { get; private set; }
    public List<string> Disciplines { get; private set; } = [];
    public bool Active { get; private set; }
    public string RegisteredBy { get; private set; } = "";
    public DateTimeOffset ChangedAt { get; private set; }

    private Expert() { }

    public static Expert Register(string personId, string registeredBy, ExpertDetails details, ExpertReferences references, DateTimeOffset now)
    {
        if (!DirectoryIds.IsSlug(personId))
            throw new DomainRuleException("personId", "Lower-case letters, digits and hyphens, 2 to 100 characters: an id, not a name (and never a BSN).");
        var expert = new Expert { PersonId = personId, RegisteredBy = registeredBy, Active = true };
        expert.Change(details, references, now);
        return expert;
    }

    /// <summary>The organisation must be in the directory and take part; the board must be known; the disciplines are §4's.</summary>
    public void Change(ExpertDetails d, ExpertReferences references, DateTimeOffset now)
    {
        if (!references.OrganisationTypes.TryGetValue(d.OrganisationId, out var type))
            throw new DomainRuleException("organisationId", $"'{d.OrganisationId}' is not an organisation in the directory.");
        if (type is OrganisationTypes.Municipality or OrganisationTypes.Region or OrganisationTypes.EscalationTable)
            throw new DomainRuleException("organisationId", $"A {type} gives no TLV advice; an expert advises for a school, SWV, JGZ, childcare or care provider.");
        // A person of an organisation that left can still be made inactive, not registered or kept active.
        if (d.Active != false && !references.ActiveOrganisations.Contains(d.OrganisationId))
            throw new DomainRuleException("organisationId", $"Organisation '{d.OrganisationId}' no longer takes part.");
        if (d.BoardId is not null && !references.Boards.Contains(d.BoardId))
            throw new DomainRuleException("boardId", $"'{d.BoardId}' is not a school board (bevoegd gezag) in the directory.");
        if (d.Disciplines.Count == 0 || d.Disciplines.Any(x => !ExpertDisciplines.All.Contains(x)))
            throw new DomainRuleException("disciplines", $"At least one of: {string.Join(", ", ExpertDisciplines.All)} (RULES.md §4).");
        (Name, OrganisationId, BoardId, Disciplines, ChangedAt) = (d.Name, d.OrganisationId, d.BoardId, [.. d.Disciplines.Distinct()], now);
        Active = d.Active ?? Active;
    }
}

/// <summary>What may be said about an expert (shape checked by the API, rules here).</summary>
public sealed record ExpertDetails(string Name, string OrganisationId, string? BoardId, IReadOnlyList<string> Disciplines, bool? Active);

/// <summary>What an expert's rules refer to: organisations by type, those taking part, the boards.</summary>
public sealed record ExpertReferences(IReadOnlyDictionary<string, string> OrganisationTypes, IReadOnlySet<string> ActiveOrganisations, IReadOnlySet<string> Boards);
