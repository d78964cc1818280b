namespace Platform.Monitoring.Projection;

/// <summary>
/// What the monitor knows of one thing it counts (a thuiszitter case, an exemption, an arrangement, a
/// placement, a case, a TLV): where it belongs and when it started and ended. Each event fills in only
/// what it knows, and a field once set is kept, so events may arrive in any order and give the same
/// result. Id is e.g. <c>thuiszitter:{caseId}</c>: the only link to the case, kept to count it once.
/// No child reference, no name, no free text.
/// </summary>
public sealed class Subject
{
    public string Id { get; set; } = "";
    /// <summary>thuiszitter, exemption, case, arrangement, placement, tlv, handover.</summary>
    public string Kind { get; set; } = "";
    /// <summary>A breakdown of the kind: the thuiszitter kind, the exemption's article, the arrangement's kind, the TLV's type.</summary>
    public string? Dimension { get; set; }
    /// <summary>A second breakdown beside <see cref="Dimension"/>: an exemption's term (temporary, permanent).</summary>
    public string? Variant { get; set; }
    /// <summary>CBS code of the child's home municipality, when the subject is about one child.</summary>
    public string? HomeMunicipality { get; set; }
    /// <summary>
    /// CBS code of the municipality of the school location the event names (zorgplicht, OPP, disputes: issue #24 counts them where
    /// the school is); used when there is no home municipality.
    /// </summary>
    public string? SchoolMunicipality { get; set; }
    /// <summary>The school (organisation id) the subject belongs to, for its SWV.</summary>
    public string? SchoolOrganisationId { get; set; }
    /// <summary>The location (directory id) where it runs.</summary>
    public string? LocationId { get; set; }
    /// <summary>An SWV the event names itself (a TLV's deciding SWV).</summary>
    public string? Swv { get; set; }
    /// <summary>The subject this one belongs to: a placement's arrangement.</summary>
    public string? Parent { get; set; }
    public DateOnly? StartsOn { get; set; }
    /// <summary>The date durations count from: the first day at home, a TLV's first valid day.</summary>
    public DateOnly? AnchorOn { get; set; }
    /// <summary>When it runs until unless it ends earlier: an exemption's or arrangement's last day.</summary>
    public DateOnly? PlannedEndOn { get; set; }
    /// <summary>The first day it is no longer open (the day a case was resolved, the day after an exemption's last day).</summary>
    public DateOnly? ClosedOn { get; set; }
    /// <summary>When an arrangement started running (all shares approved or funded by decision).</summary>
    public DateOnly? ActivatedOn { get; set; }
    public int? Places { get; set; }

    /// <summary>Open on <paramref name="day"/>: started by then, not ended, not past its planned end.</summary>
    public bool IsOpenOn(DateOnly day) =>
        StartsOn is { } start && start <= day && (ClosedOn is not { } closed || closed > day) && (PlannedEndOn is not { } planned || planned >= day);
}
