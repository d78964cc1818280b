namespace Platform.Funding;

/// <summary>Regional agreements for funding, set per region rather than fixed in code.</summary>
public sealed class FundingOptions
{
    /// <summary>The regional escalation table (an organisation in Identity) with doorzettingsmacht.</summary>
    public string EscalationTableId { get; set; } = "escalatietafel-zuid-limburg";
    /// <summary>Calendar days funders have to decide on a proposal before it escalates.</summary>
    public int DecisionPeriodDays { get; set; } = 14;
    public bool DeadlineWatcherEnabled { get; set; } = true;
    public TimeSpan DeadlineCheckInterval { get; set; } = TimeSpan.FromSeconds(15);
    /// <summary>
    /// Calendar days the SWV has to decide on a TLV request. Not fixed by law for the TLV itself (the
    /// Awb's reasonable term, at most 8 weeks); regions agree 6 weeks, as the zorgplicht's term (RULES.md §4).
    /// </summary>
    public int TlvDecisionTermDays { get; set; } = 42;
    /// <summary>
    /// Months before a granted TLV's last day that the SWV and the school get the task to extend it or plan a
    /// terugplaatsing (RULES.md §4: "before expiry"; the 3 months are a regional agreement, not law).
    /// </summary>
    public int TlvRenewalWarningMonths { get; set; } = 3;
}
