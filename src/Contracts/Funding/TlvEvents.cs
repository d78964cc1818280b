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
