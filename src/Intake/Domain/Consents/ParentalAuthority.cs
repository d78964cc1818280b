namespace Platform.Intake.Domain.Consents;

/// <summary>
/// The check of parental authority (gezag) behind a parents' consent: who holds it, how that was
/// verified and when. RULES.md §6: check who holds authority in the custody register, never take one
/// parent's word for it.
/// </summary>
/// <param name="Holders">Who holds authority: <c>parents</c> (both, jointly), <c>mother</c>, <c>father</c>, <c>parent</c>, <c>guardian</c> (voogd).</param>
/// <param name="VerifiedBy">How: <c>gezagsregister</c> (the custody register) or <c>court-decision</c> (a court's custody decision seen).</param>
/// <param name="VerifiedOn">The day it was checked.</param>
public sealed record ParentalAuthorityCheck(IReadOnlyList<string> Holders, string VerifiedBy, DateOnly VerifiedOn);

public static class ParentalAuthority
{
    public const string Gezagsregister = "gezagsregister";
    public const string CourtDecision = "court-decision";
    /// <summary>A parent's own statement: known, so that it can be refused by name (RULES.md §6).</summary>
    public const string Declaration = "declaration";

    public static readonly IReadOnlyList<string> Methods = [Gezagsregister, CourtDecision, Declaration];
    public static readonly IReadOnlyList<string> HolderKinds = ["parents", "mother", "father", "parent", "guardian"];
}

/// <summary>The region's limits on recording consent (<c>Intake:Consent</c>): agreements, not law.</summary>
public sealed class ConsentOptions
{
    /// <summary>How many days before the day it is recorded a consent may say it was given (late paperwork, not a back-dated licence).</summary>
    public int MaxBackdatingDays { get; set; } = 7;

    /// <summary>How old the check of parental authority may be on the day consent is given: custody changes.</summary>
    public int MaxAuthorityCheckAgeDays { get; set; } = 31;
}
