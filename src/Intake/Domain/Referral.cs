using Platform.Contracts.Intake;

namespace Platform.Intake.Domain;

/// <summary>
/// Aanmelding: a signal from a school, childcare, wijkteam or JGZ that a child needs support.
/// The starting point of one case, one coordinator, one plan.
/// </summary>
public sealed class Referral
{
    public Guid Id { get; private set; }
    public Child Child { get; private set; } = null!;

    /// <summary>Pseudonymous child reference (keyed hash of the BSN) used in events.</summary>
    public string ChildReference { get; private set; } = "";

    /// <summary>The referring organisation: the tenant that owns this referral.</summary>
    public string ReferringOrganisationId { get; private set; } = "";
    public string ReferringOrganisationType { get; private set; } = "";

    public List<SupportNeed> SupportNeeds { get; private set; } = [];

    /// <summary>What the referrer and others already tried, and with what result.</summary>
    public string TriedSoFar { get; private set; } = "";
    public Urgency Urgency { get; private set; }

    /// <summary>The parents' view, in their words; kept apart from the child's own view.</summary>
    public string? ParentsView { get; private set; }

    /// <summary>The child's own view, in the child's words.</summary>
    public string? ChildsView { get; private set; }

    public DateTimeOffset SubmittedAt { get; private set; }

    /// <summary>The case this referral started or was linked to (one child, one case).</summary>
    public Guid? CaseId { get; private set; }

    internal void AttachTo(Guid caseId) => CaseId = caseId;

    private Referral() { }

    public static Referral Submit(
        Child child, string childReference, string organisationId, string organisationType,
        IEnumerable<SupportNeed> needs, string triedSoFar, Urgency urgency,
        string? parentsView, string? childsView, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        Child = child,
        ChildReference = childReference,
        ReferringOrganisationId = organisationId,
        ReferringOrganisationType = organisationType,
        SupportNeeds = [.. needs],
        TriedSoFar = triedSoFar,
        Urgency = urgency,
        ParentsView = parentsView,
        ChildsView = childsView,
        SubmittedAt = now,
    };

    /// <summary>The event other services see: no name, no BSN, no free text about the child.</summary>
    public ReferralSubmitted ToSubmittedEvent() => new(
        Id, ChildReference, ReferringOrganisationId, ReferringOrganisationType, Child.HomeMunicipality,
        [.. SupportNeeds.Select(n => n.Domain.Name())], Urgency.Name(), SubmittedAt);
}
