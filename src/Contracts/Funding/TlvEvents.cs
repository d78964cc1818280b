namespace Platform.Contracts.Funding;

/// <summary>
/// A school asked its samenwerkingsverband for a toelaatbaarheidsverklaring (TLV): admission to
/// special education (SBO, SO or VSO) for a child of an Intake case. No BSN: the SWV side may not hold it.
/// </summary>
/// <param name="TlvId">Funding's id of the request.</param>
/// <param name="CaseId">The Intake case.</param>
/// <param name="ChildReference">Pseudonymous child reference.</param>
/// <param name="HomeMunicipality">CBS code of the child's home municipality.</param>
/// <param name="SchoolOrganisationId">The requesting school.</param>
/// <param name="SchoolLocationId">The location the child attends now.</param>
/// <param name="SwvId">The samenwerkingsverband that decides (the requesting school's).</param>
/// <param name="Kind">sbo, so or vso: what is asked for.</param>
/// <param name="DecisionDueOn">The last day of the term for the decision.</param>
/// <param name="OccurredAt">When it was requested.</param>
public sealed record TlvRequested(
    Guid TlvId, Guid CaseId, string ChildReference, string HomeMunicipality, string SchoolOrganisationId, string SchoolLocationId,
    string SwvId, string Kind, DateOnly DecisionDueOn, DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>An expert gave one of the two independent advices (deskundigenadvies) the law requires.</summary>
/// <param name="TlvId">The request.</param>
/// <param name="Profession">orthopedagoog, psycholoog, kinder-en-jeugdpsycholoog, pedagoog, kinderpsychiater, maatschappelijk-werker or arts.</param>
/// <param name="OccurredAt">When.</param>
public sealed record TlvAdviceGiven(Guid TlvId, string Profession, DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>The SWV decided: admission granted (with its kind, category and validity) or refused.</summary>
/// <param name="TlvId">The request.</param>
/// <param name="ChildReference">Pseudonymous child reference.</param>
/// <param name="HomeMunicipality">CBS code of the child's home municipality.</param>
/// <param name="SwvId">The deciding samenwerkingsverband.</param>
/// <param name="Outcome">granted or refused.</param>
/// <param name="Kind">sbo, so or vso (granted).</param>
/// <param name="Category">For SO and VSO: laag, midden or hoog (the funding category).</param>
/// <param name="ReceivingLocationId">The special school the child goes to, when known.</param>
/// <param name="ValidFrom">First day (granted).</param>
/// <param name="ValidUntil">Last day (granted): a TLV is always time-limited.</param>
/// <param name="RequestedAt">When it was requested (for the decision's duration).</param>
/// <param name="OccurredAt">When it was decided.</param>
public sealed record TlvDecided(
    Guid TlvId, string ChildReference, string HomeMunicipality, string SwvId, string Outcome, string? Kind, string? Category,
    string? ReceivingLocationId, DateOnly? ValidFrom, DateOnly? ValidUntil, DateTimeOffset RequestedAt, DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>The term for the decision passed without one: the SWV is told; it stays a request until decided.</summary>
/// <param name="TlvId">The request.</param>
/// <param name="SwvId">The deciding samenwerkingsverband.</param>
/// <param name="HomeMunicipality">CBS code of the child's home municipality.</param>
/// <param name="DueOn">The missed last day.</param>
/// <param name="OccurredAt">When it was noticed.</param>
public sealed record TlvDecisionOverdue(Guid TlvId, string SwvId, string HomeMunicipality, DateOnly DueOn, DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>A granted TLV ended: the child went back to regular education (terugplaatsing), or its validity ran out.</summary>
/// <param name="TlvId">The TLV.</param>
/// <param name="ChildReference">Pseudonymous child reference.</param>
/// <param name="SwvId">The samenwerkingsverband that granted it.</param>
/// <param name="Reason">terugplaatsing or expired.</param>
/// <param name="EndedOn">Its last day.</param>
/// <param name="OccurredAt">When.</param>
public sealed record TlvEnded(Guid TlvId, string ChildReference, string SwvId, string Reason, DateOnly EndedOn, DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>
/// The parents objected (bezwaar) to the SWV's TLV decision, within 6 weeks of it (RULES.md §4); the SWV now has
/// 2 weeks to ask the LBT (Landelijke Bezwaaradviescommissie) for its advice. No grounds here: they stay in Funding.
/// </summary>
/// <param name="TlvId">The TLV.</param>
/// <param name="ChildReference">Pseudonymous child reference.</param>
/// <param name="SwvId">The samenwerkingsverband that decided and now hears the objection.</param>
/// <param name="FiledBy">The organisation that filed it on the parents' behalf (the requesting school).</param>
/// <param name="LbtRequestDueOn">The last day for the SWV to ask the LBT's advice.</param>
/// <param name="OccurredAt">When it was filed.</param>
public sealed record TlvObjectionFiled(
    Guid TlvId, string ChildReference, string SwvId, string FiledBy, DateOnly LbtRequestDueOn, DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>The SWV asked the LBT for its advice on an objection (RULES.md §4: within 2 weeks).</summary>
/// <param name="TlvId">The TLV.</param>
/// <param name="SwvId">The samenwerkingsverband.</param>
/// <param name="AskedOn">The day it asked.</param>
/// <param name="OnTime">Whether that was within the 2 weeks.</param>
/// <param name="OccurredAt">When it was recorded.</param>
public sealed record TlvLbtAdviceRequested(Guid TlvId, string SwvId, DateOnly AskedOn, bool OnTime, DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>The 2 weeks for asking the LBT's advice on an objection passed without the SWV asking (raised once).</summary>
/// <param name="TlvId">The TLV.</param>
/// <param name="SwvId">The samenwerkingsverband.</param>
/// <param name="DueOn">The missed last day.</param>
/// <param name="OccurredAt">When it was noticed.</param>
public sealed record TlvLbtRequestOverdue(Guid TlvId, string SwvId, DateOnly DueOn, DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>
/// The SWV decided on the objection after the LBT's advice: upheld (gegrond: the TLV decision is replaced by
/// <paramref name="Outcome"/> with its terms) or rejected (ongegrond: the decision stands). Appeal goes to court.
/// </summary>
/// <param name="TlvId">The TLV.</param>
/// <param name="ChildReference">Pseudonymous child reference.</param>
/// <param name="SwvId">The samenwerkingsverband.</param>
/// <param name="Result">upheld or rejected.</param>
/// <param name="Outcome">The TLV's decision after it: granted or refused.</param>
/// <param name="Kind">sbo, so or vso (granted).</param>
/// <param name="Category">For SO and VSO: laag, midden or hoog.</param>
/// <param name="ValidFrom">First day (granted).</param>
/// <param name="ValidUntil">Last day (granted).</param>
/// <param name="OccurredAt">When it was decided.</param>
public sealed record TlvObjectionDecided(
    Guid TlvId, string ChildReference, string SwvId, string Result, string Outcome, string? Kind, string? Category,
    DateOnly? ValidFrom, DateOnly? ValidUntil, DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>
/// A granted TLV nears its end (the region's warning, default 3 months, RULES.md §4: before expiry an extension
/// or a planned terugplaatsing): the SWV and the requesting school have a task to choose one.
/// </summary>
/// <param name="TlvId">The TLV.</param>
/// <param name="ChildReference">Pseudonymous child reference.</param>
/// <param name="SwvId">The samenwerkingsverband.</param>
/// <param name="SchoolOrganisationId">The school that requested it.</param>
/// <param name="ValidUntil">Its last valid day.</param>
/// <param name="OccurredAt">When the task was raised.</param>
public sealed record TlvRenewalDue(
    Guid TlvId, string ChildReference, string SwvId, string SchoolOrganisationId, DateOnly ValidUntil, DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>The renewal task was answered: <paramref name="Choice"/> extend (a new TLV request, <paramref name="ExtensionTlvId"/>) or terugplaatsing (planned for <paramref name="PlannedOn"/>).</summary>
/// <param name="TlvId">The expiring TLV.</param>
/// <param name="ChildReference">Pseudonymous child reference.</param>
/// <param name="SwvId">The samenwerkingsverband.</param>
/// <param name="Choice">extend or terugplaatsing.</param>
/// <param name="ExtensionTlvId">The new request (extend).</param>
/// <param name="PlannedOn">The planned day of return to regular education (terugplaatsing).</param>
/// <param name="ChosenBy">The organisation that chose.</param>
/// <param name="OccurredAt">When.</param>
public sealed record TlvRenewalChosen(
    Guid TlvId, string ChildReference, string SwvId, string Choice, Guid? ExtensionTlvId, DateOnly? PlannedOn, string ChosenBy, DateTimeOffset OccurredAt) : IIntegrationEvent;
