namespace Platform.Monitoring.Domain;

/// <summary>
/// One countable fact from another service's event: which indicator, where, when, and one
/// dimension (an exemption's article, a resolution's reason). The key (e.g.
/// <c>thuiszitter-registered:{caseId}</c>) is all Monitoring keeps of the case, only so that the same
/// fact is never counted twice; no child reference, no organisation, no free text.
/// </summary>
public sealed class EventFact
{
    public string Key { get; private set; } = "";
    public string Indicator { get; private set; } = "";
    public string HomeMunicipality { get; private set; } = "";
    public string? Dimension { get; private set; }
    public string Period { get; private set; } = "";
    public DateTimeOffset OccurredAt { get; private set; }

    private EventFact() { }

    public EventFact(string indicator, Guid subject, string homeMunicipality, DateTimeOffset occurredAt, string? dimension = null)
    {
        Key = $"{indicator}:{subject}";
        Indicator = indicator;
        HomeMunicipality = homeMunicipality;
        Dimension = dimension;
        OccurredAt = occurredAt;
        Period = Periods.MonthOf(occurredAt);
    }
}

/// <summary>The indicators built from event facts, with what each counts (docs/monitoring.md).</summary>
public static class Indicators
{
    public static readonly IReadOnlyDictionary<string, string> Descriptions = new Dictionary<string, string>
    {
        ["thuiszitters-new"] = "Thuiszitter cases registered in the period.",
        ["thuiszitters-resolved"] = "Thuiszitter cases resolved in the period, by reason.",
        ["thuiszitters-escalated"] = "Thuiszitter cases that reached the actietafel (3 months without a suitable offer) in the period.",
        ["exemptions-granted"] = "Exemptions (vrijstellingen) granted in the period, by article.",
        ["knooppunt-held"] = "Knooppunt meetings held in the period.",
        ["knooppunt-overdue"] = "Cases whose knooppunt deadline passed in the period without a meeting.",
        ["handovers-completed"] = "Warm handovers completed in the period, by on-time or late.",
        ["terugplaatsingen"] = "Completed handovers from special to regular education in the period.",
        ["placements"] = "Children placed in an arrangement in the period, by kind: each collective placement is an individual decision replaced.",
        ["individual-arrangements-proposed"] = "Individual arrangements drafted because no collective place fitted, in the period.",
        ["arrangements-activated"] = "Arrangements that became active in the period (all funders approved, or the escalation table funded), by kind.",
        ["funding-escalations"] = "Arrangements escalated to the regional escalation table in the period, by cause (rejected, deadline).",
        ["funding-escalations-decided"] = "Funding disputes the escalation table decided in the period, by outcome.",
    };
}
