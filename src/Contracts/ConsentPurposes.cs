namespace Platform.Contracts;

/// <summary>
/// What a consent allows sharing for. Intake records them with each consent; every service that
/// shares a child's data under consent checks that a valid consent covers the organisation for its
/// purpose (AVG: purpose limitation). A consent may name several.
/// </summary>
public static class ConsentPurposes
{
    /// <summary>Support around the child: the case, the knooppunt and the one plan (Intake).</summary>
    public const string Support = "support";
    /// <summary>A place in an arrangement, and its funding (Funding).</summary>
    public const string Arrangement = "arrangement";
    /// <summary>An application for a toelaatbaarheidsverklaring: the SWV and the experts it asks (Funding).</summary>
    public const string Tlv = "tlv";
    /// <summary>A warm handover to the next school or setting (Handover).</summary>
    public const string Handover = "handover";

    public static readonly IReadOnlyList<string> All = [Support, Arrangement, Tlv, Handover];

    /// <summary>Consents recorded before purposes were named were given for support only.</summary>
    public static readonly IReadOnlyList<string> Legacy = [Support];
}
