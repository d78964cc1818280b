using Platform.Contracts;
using Platform.Contracts.Attendance;
using Platform.Contracts.Funding;
using Platform.Contracts.Handover;
using Platform.Contracts.Intake;

namespace Platform.Monitoring.Projection;

/// <summary>The events the monitor is built from, with the queue each arrives on.</summary>
public static class MonitoredEvents
{
    public static readonly IReadOnlyList<Type> All =
    [
        typeof(ReferralSubmitted), typeof(CaseOpened), typeof(KnooppuntHeld), typeof(KnooppuntOverdue),
        typeof(ThuiszitterRegistered), typeof(ThuiszitterResolved), typeof(ThuiszitterEscalated), typeof(ExemptionGranted), typeof(ExemptionEnded),
        typeof(PlacementConfirmed), typeof(PlacementEnded), typeof(ArrangementActivated), typeof(IndividualArrangementProposed),
        typeof(ArrangementEnded), typeof(ArrangementEscalated), typeof(EscalationDecided),
        typeof(HandoverCompleted),
        typeof(TlvRequested), typeof(TlvDecided), typeof(TlvDecisionOverdue), typeof(TlvEnded),
        typeof(AbsenceReported), typeof(AbsenceReportFinished), typeof(OnderwijsconsulentEngaged),
        // Issue #24: zorgplicht, OPP, TLV objection and renewal, disputes (RULES.md §4); the PO→VO advice and where it was given (RULES.md §7).
        typeof(ZorgplichtApplicationRegistered), typeof(ZorgplichtTermExtended), typeof(ZorgplichtTermExceeded), typeof(ZorgplichtTemporarilyPlaced),
        typeof(ZorgplichtDecided), typeof(OppRequired), typeof(OppEstablished), typeof(OppEvaluated), typeof(OppOverdue),
        typeof(TlvObjectionFiled), typeof(TlvObjectionDecided), typeof(TlvRenewalChosen),
        typeof(DisputeFiled), typeof(DisputeConcluded), typeof(DisputeTermPassed),
        typeof(HandoverStarted), typeof(SchoolAdviceGiven),
    ];

    private static readonly Dictionary<string, Type> ByName = All.ToDictionary(t => t.FullName!);

    /// <summary>monitoring-referral-submitted, monitoring-thuiszitter-registered, ...</summary>
    public static string QueueOf(Type type) => "monitoring-" + KebabCase(type.Name);

    public static Type? Resolve(string fullName) => ByName.GetValueOrDefault(fullName);

    private static string KebabCase(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    public static bool IsMonitored(IIntegrationEvent message) => ByName.ContainsKey(message.GetType().FullName!);
}
