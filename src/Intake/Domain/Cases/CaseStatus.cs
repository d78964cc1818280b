namespace Platform.Intake.Domain.Cases;

/// <summary>
/// The case's lifecycle. Referred: a referral came in, nothing shared yet. AwaitingConsent: the
/// referrer asked the family, or consent was withdrawn. Open: consent and one coordinator.
/// PlanAgreed: the one integrated plan is agreed (later versions keep it there). Closed: final.
/// </summary>
public enum CaseStatus
{
    Referred,
    AwaitingConsent,
    Open,
    PlanAgreed,
    Closed,
}

/// <summary>Why a case closed. The first two apply after it opened, the next two before, Other always.</summary>
public enum CloseReason
{
    GoalsReached,
    MovedAway,
    ReferredElsewhere,
    NoConsent,
    WithdrawnByReferrer,
    Other,
}

public static class CaseNames
{
    public static readonly IReadOnlyDictionary<string, CaseStatus> Statuses = new Dictionary<string, CaseStatus>
    {
        ["referred"] = CaseStatus.Referred,
        ["awaiting-consent"] = CaseStatus.AwaitingConsent,
        ["open"] = CaseStatus.Open,
        ["plan-agreed"] = CaseStatus.PlanAgreed,
        ["closed"] = CaseStatus.Closed,
    };

    public static readonly IReadOnlyDictionary<string, CloseReason> CloseReasons = new Dictionary<string, CloseReason>
    {
        ["goals-reached"] = CloseReason.GoalsReached,
        ["moved-away"] = CloseReason.MovedAway,
        ["referred-elsewhere"] = CloseReason.ReferredElsewhere,
        ["no-consent"] = CloseReason.NoConsent,
        ["withdrawn-by-referrer"] = CloseReason.WithdrawnByReferrer,
        ["other"] = CloseReason.Other,
    };

    public static string Name(this CaseStatus status) => Statuses.First(p => p.Value == status).Key;
    public static string Name(this CloseReason reason) => CloseReasons.First(p => p.Value == reason).Key;
}
