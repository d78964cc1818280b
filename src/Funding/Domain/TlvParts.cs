using Platform.Contracts;
namespace Platform.Funding.Domain;

/// <summary>requested → granted | refused | withdrawn; granted → ended (terugplaatsing or expired); an upheld objection turns granted ↔ refused (RULES.md §4).</summary>
public enum TlvStatus
{
    Requested,
    Granted,
    Refused,
    Withdrawn,
    Ended,
}

/// <summary>What a TLV admits to, and the SO/VSO funding categories (bekostigingscategorieën).</summary>
public static class TlvKinds
{
    public const string Sbo = "sbo";
    public const string So = "so";
    public const string Vso = "vso";
    public static readonly IReadOnlyList<string> All = [Sbo, So, Vso];

    /// <summary>SO and VSO TLVs carry a category (laag, midden, hoog); SBO has none.</summary>
    public static readonly IReadOnlyList<string> Categories = ["laag", "midden", "hoog"];
}

/// <summary>
/// Deskundigen: the law wants two separate, independent written advices: one by an orthopedagoog or
/// a psycholoog, and one by a second expert chosen for the child's needs (RULES.md §4).
/// </summary>
public static class Professions
{
    public static readonly IReadOnlyList<string> First = ExpertDisciplines.First;
    public static readonly IReadOnlyList<string> Second = ExpertDisciplines.Second;
    public static readonly IReadOnlyList<string> All = ExpertDisciplines.All;
}

/// <summary>
/// The person giving an advice, as the Directory registers the expert (Funding's copy): an identity, the
/// organisation advised for, the school board worked for (if any), the disciplines (RULES.md §4).
/// </summary>
public sealed record AdvisingExpert(string PersonId, string OrganisationId, string? BoardId, IReadOnlyList<string> Disciplines, bool Active);

/// <summary>An organisation the SWV asked for one of the advices, and in which profession.</summary>
public sealed class ExpertInvitation
{
    public string OrganisationId { get; set; } = "";
    public string Profession { get; set; } = "";
    public DateTimeOffset InvitedAt { get; set; }
}

/// <summary>One expert's written advice: separate from the other, never a joint committee advice.</summary>
public sealed class ExpertAdvice
{
    public Guid Id { get; set; }
    public string OrganisationId { get; set; } = "";
    public string ExpertName { get; set; } = "";
    /// <summary>The person, as the Directory registers the expert (an identity, not a typed name); required since
    /// 2026-12-06 (advices recorded before may have none).</summary>
    public string? ExpertPersonId { get; set; }
    /// <summary>The school board that person works for, as the Directory had it when the advice was given.</summary>
    public string? ExpertBoardId { get; set; }
    public string Profession { get; set; } = "";
    /// <summary>favourable or unfavourable.</summary>
    public string Advice { get; set; } = "";
    public string Summary { get; set; } = "";
    public DateOnly GivenOn { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
}

/// <summary>The SWV's decision, with the parents' view it heard (zienswijze) and its reasons.</summary>
public sealed class TlvDecision
{
    public string Outcome { get; set; } = "";
    public string? Kind { get; set; }
    public string? Category { get; set; }
    public string? ReceivingLocationId { get; set; }
    public DateOnly? ValidFrom { get; set; }
    public DateOnly? ValidUntil { get; set; }
    public string ParentsView { get; set; } = "";
    public string Reasons { get; set; } = "";
    public string DecidedBy { get; set; } = "";
    public DateTimeOffset DecidedAt { get; set; }
}

/// <summary>
/// The parents' objection (bezwaar) to the SWV's decision (RULES.md §4): filed within 6 weeks of the decision, the
/// SWV asks the LBT's advice within 2 weeks, then decides: upheld (the decision is replaced) or rejected.
/// </summary>
public sealed class TlvObjection
{
    /// <summary>The organisation that filed it on the parents' behalf: the requesting school.</summary>
    public string FiledBy { get; set; } = "";
    public DateTimeOffset FiledAt { get; set; }
    /// <summary>The parents' grounds (free text: stays in Funding).</summary>
    public string Grounds { get; set; } = "";
    /// <summary>The last day for the SWV to ask the LBT (Landelijke Bezwaaradviescommissie) for its advice.</summary>
    public DateOnly LbtRequestDueOn { get; set; }
    public DateOnly? LbtAskedOn { get; set; }
    public DateTimeOffset? LbtOverdueRaisedAt { get; set; }
    /// <summary>What the LBT advised: upheld or rejected (recorded with the decision on the objection).</summary>
    public string? LbtAdvice { get; set; }
    /// <summary>upheld (gegrond) or rejected (ongegrond), once decided.</summary>
    public string? Result { get; set; }
    public string? Reasons { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    /// <summary>The decision the objection was about, kept when an upheld objection replaced it.</summary>
    public string? FormerOutcome { get; set; }
}

/// <summary>
/// The task before a granted TLV expires (RULES.md §4): the SWV and the school choose an extension (a new request,
/// with the two advices again) or a planned terugplaatsing.
/// </summary>
public sealed class TlvRenewal
{
    public DateTimeOffset? DueRaisedAt { get; set; }
    /// <summary>extend or terugplaatsing, once chosen.</summary>
    public string? Choice { get; set; }
    public string? ChosenBy { get; set; }
    public DateTimeOffset? ChosenAt { get; set; }
    public Guid? ExtensionTlvId { get; set; }
    public DateOnly? PlannedReturnOn { get; set; }
}
