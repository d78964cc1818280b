using Platform.Contracts.Attendance;
using Platform.Contracts.Funding;
using Platform.Contracts.Handover;
using Platform.Contracts.Intake;

namespace Platform.Subscriptions.Domain;

/// <summary>
/// The channels an integrator can subscribe to, and which organisations may hear of each event.
/// A notification says only that something happened to a resource; the subscriber reads the
/// resource with its own token, so the owning service's tenancy and consent rules still decide
/// what it sees. A channel's audience is the same as that resource's readers.
/// </summary>
public static class Channels
{
    /// <summary>Thuiszitter cases of the subscriber's municipality (leerplicht); escalations also to the actietafel.</summary>
    public const string Thuiszitters = "thuiszitters";
    /// <summary>Arrangements proposed to the subscriber (awaiting its approval); escalations to the escalation table.</summary>
    public const string Arrangements = "arrangements";
    /// <summary>Handovers to (or from) the subscriber's school, and overdue ones for the receiving school's SWV.</summary>
    public const string Handovers = "handovers";
    /// <summary>Case changes the subscriber is involved in: coordinator, knooppunt participant, plan partner, referrer.</summary>
    public const string Cases = "cases";

    public static readonly string[] All = [Thuiszitters, Arrangements, Handovers, Cases];

    /// <summary>The event types each channel carries: those <see cref="Routes"/> routes (for the optional filter).</summary>
    public static readonly IReadOnlyDictionary<string, string[]> EventTypes = new Dictionary<string, string[]>
    {
        [Thuiszitters] = [nameof(ThuiszitterRegistered), nameof(ThuiszitterPlanDue), nameof(ThuiszitterEscalated), nameof(ThuiszitterResolved)],
        [Arrangements] = [nameof(ArrangementProposed), nameof(ArrangementEscalated)],
        [Handovers] = [nameof(HandoverStarted), nameof(HandoverOverdue), nameof(HandoverCompleted)],
        [Cases] = [nameof(CaseOpened), nameof(ReferralLinkedToCase), nameof(CoordinatorReassigned), nameof(KnooppuntScheduled), nameof(PlanAgreed)],
    };

    /// <summary>Which organisation types may subscribe to which channel (least privilege, like the token scopes).</summary>
    public static bool MayUse(string organisationType, string channel) => (organisationType, channel) switch
    {
        ("municipality", _) => true,
        ("swv", Arrangements or Handovers or Cases) => true,
        ("school", Handovers or Cases) => true,
        ("escalation-table", Thuiszitters or Arrangements) => true,
        ("childcare" or "jgz" or "youth-care-provider", Handovers or Cases) => true,
        _ => false,
    };
}

/// <summary>Who may hear of an event: named organisations, the organisations of one municipality, or one organisation type.</summary>
public sealed record Audience(IReadOnlyCollection<string> Organisations, string? Municipality = null, string? OrganisationType = null)
{
    public bool Includes(Subscription s) =>
        Organisations.Contains(s.OrganisationId)
        || (Municipality is not null && s.OrganisationType == "municipality" && s.Municipality == Municipality)
        || (OrganisationType is not null && s.OrganisationType == OrganisationType);
}

/// <summary>What one event becomes: its channel, the resource it is about (a path behind the gateway) and its audience.</summary>
public sealed record NotificationRoute(string Channel, string ResourcePath, Audience Audience);

/// <summary>The routing of every event a channel carries. Pure functions: tested without a broker.</summary>
public static class Routes
{
    public static NotificationRoute Of(ThuiszitterRegistered e) => Thuiszitter(e.CaseId, e.HomeMunicipality);
    public static NotificationRoute Of(ThuiszitterPlanDue e) => Thuiszitter(e.CaseId, e.HomeMunicipality);
    public static NotificationRoute Of(ThuiszitterEscalated e) => Thuiszitter(e.CaseId, e.HomeMunicipality, table: true);
    public static NotificationRoute Of(ThuiszitterResolved e) => Thuiszitter(e.CaseId, e.HomeMunicipality);

    public static NotificationRoute Of(ArrangementProposed e) => Arrangement(e.ArrangementId, [.. e.FunderIds, e.ProposedBy]);
    public static NotificationRoute Of(ArrangementEscalated e) => Arrangement(e.ArrangementId, [e.EscalationTableId]);

    public static NotificationRoute Of(HandoverStarted e) => Handover(e.HandoverId, [e.ReceivingOrganisationId]);
    public static NotificationRoute Of(HandoverOverdue e) => Handover(e.HandoverId, [e.SendingOrganisationId, e.ReceivingOrganisationId, .. e.ReceivingSwv is { } swv ? [swv] : Array.Empty<string>()]);
    public static NotificationRoute Of(HandoverCompleted e) => Handover(e.HandoverId, [e.SendingOrganisationId, e.ReceivingOrganisationId]);

    public static NotificationRoute Of(CaseOpened e) => Case(e.CaseId, [e.CoordinatorOrganisationId]);
    public static NotificationRoute Of(ReferralLinkedToCase e) => Case(e.CaseId, [e.ReferringOrganisationId, .. e.EarlierReferringOrganisationIds]);
    public static NotificationRoute Of(CoordinatorReassigned e) => Case(e.CaseId, [e.FromOrganisationId, e.ToOrganisationId]);
    public static NotificationRoute Of(KnooppuntScheduled e) => Case(e.CaseId, e.Participants);
    public static NotificationRoute Of(PlanAgreed e) => Case(e.CaseId, e.Partners);

    private static NotificationRoute Thuiszitter(Guid id, string municipality, bool table = false) =>
        new(Channels.Thuiszitters, $"/api/attendance/thuiszitters/{id}", new Audience([], municipality, table ? "escalation-table" : null));

    private static NotificationRoute Arrangement(Guid id, IReadOnlyCollection<string> organisations) =>
        new(Channels.Arrangements, $"/api/funding/arrangements/{id}", new Audience(organisations));

    private static NotificationRoute Handover(Guid id, IReadOnlyCollection<string> organisations) =>
        new(Channels.Handovers, $"/api/handover/handovers/{id}", new Audience(organisations));

    private static NotificationRoute Case(Guid id, IReadOnlyCollection<string> organisations) =>
        new(Channels.Cases, $"/api/intake/cases/{id}", new Audience(organisations));
}
