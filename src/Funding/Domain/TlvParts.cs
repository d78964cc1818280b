namespace Platform.Funding.Domain;

/// <summary>requested → granted | refused | withdrawn; granted → ended (terugplaatsing or expired).</summary>
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
    public static readonly IReadOnlyList<string> First = ["orthopedagoog", "psycholoog"];
    public static readonly IReadOnlyList<string> Second = ["kinder-en-jeugdpsycholoog", "pedagoog", "kinderpsychiater", "maatschappelijk-werker", "arts"];
    public static readonly IReadOnlyList<string> All = [.. First, .. Second];
}

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
