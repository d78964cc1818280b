namespace Platform.Funding.Domain;

/// <summary>
/// A person the SWV may ask for a TLV advice, as the SWV registers it: an identity (a stable person id, not a typed
/// name), the organisation the person advises for, the school board (bevoegd gezag) the person works for, and the
/// disciplines the person may advise in. The Directory registers organisations and locations, not persons or boards,
/// so Funding keeps this per SWV (RULES.md §4: two different persons; the first not the requesting school's own).
/// </summary>
public sealed class TlvExpert
{
    public string SwvId { get; private set; } = "";
    public string PersonId { get; private set; } = "";
    public string OrganisationId { get; private set; } = "";
    /// <summary>The school board the person works for, when it works for one (a school's own orthopedagoog); null otherwise.</summary>
    public string? BoardId { get; private set; }
    public List<string> Disciplines { get; private set; } = [];
    public DateTimeOffset ChangedAt { get; private set; }

    private TlvExpert() { }

    public static TlvExpert Register(string swv, string personId, DateTimeOffset now) => new() { SwvId = swv, PersonId = personId, ChangedAt = now };

    public void Change(string organisationId, string? boardId, IReadOnlyList<string> disciplines, DateTimeOffset now)
    {
        if (disciplines.Count == 0 || disciplines.Any(d => !Professions.All.Contains(d)))
            throw new DomainRuleException("disciplines", $"At least one of: {string.Join(", ", Professions.All)}.");
        (OrganisationId, BoardId, Disciplines, ChangedAt) = (organisationId, boardId, [.. disciplines.Distinct()], now);
    }
}

/// <summary>
/// The school board (bevoegd gezag) of a member school, as its SWV records it (the SWV's members are the boards):
/// the first expert of a TLV may not work for the requesting school's board (RULES.md §4, LBT 2017/2019).
/// </summary>
public sealed class MemberBoard
{
    public string SwvId { get; private set; } = "";
    public string SchoolOrganisationId { get; private set; } = "";
    public string BoardId { get; private set; } = "";
    public DateTimeOffset ChangedAt { get; private set; }

    private MemberBoard() { }

    public static MemberBoard Record(string swv, string school, string board, DateTimeOffset now) =>
        new() { SwvId = swv, SchoolOrganisationId = school, BoardId = board, ChangedAt = now };

    public void Change(string board, DateTimeOffset now) => (BoardId, ChangedAt) = (board, now);
}
