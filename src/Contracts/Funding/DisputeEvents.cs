namespace Platform.Contracts.Funding;

// Disputes at the Geschillencommissie passend onderwijs (RULES.md §4): the parents against a school board about
// admission refused, removal, or the OPP. The platform holds the dispute's dates, subject and outcome, never the
// parents' letter or the commission's reasoning. No BSN and no name: the child appears only by its pseudonymous
// reference. Every event carries what a monitor counts: the school's type and municipality, and the SWV.

/// <summary>
/// The parents filed a dispute with the Geschillencommissie passend onderwijs against the board of a school, within 6
/// weeks of the decision they dispute (RULES.md §4; filed later: recorded and flagged, the commission decides whether it
/// still hears it). The board answers within 2 weeks of being told, the commission gives its opinion within 10 weeks
/// of the filing.
/// </summary>
/// <param name="DisputeId">Funding's id of the dispute.</param>
/// <param name="CaseId">The child's Intake case.</param>
/// <param name="ChildReference">Pseudonymous child reference.</param>
/// <param name="HomeMunicipality">CBS code of the child's home municipality.</param>
/// <param name="Subject">admission-refused, removal or opp.</param>
/// <param name="ZorgplichtApplicationId">The zorgplicht application whose decision is disputed, when the subject is an admission.</param>
/// <param name="OppId">The OPP disputed, when the subject is the OPP.</param>
/// <param name="SchoolOrganisationId">The school whose board the parents dispute with.</param>
/// <param name="SchoolType">That school's location kind: po, vo, sbo, so, vso, pro.</param>
/// <param name="SchoolMunicipality">CBS code of the municipality the location is in.</param>
/// <param name="SwvId">The school's samenwerkingsverband.</param>
/// <param name="DisputedDecisionOn">The day of the board's decision the parents dispute: the 6 weeks count from it.</param>
/// <param name="FiledOn">The day the parents filed with the commission.</param>
/// <param name="FiledInTime">Whether it was filed within the 6 weeks.</param>
/// <param name="AnswerDueOn">The last day of the board's 2 weeks to answer.</param>
/// <param name="OpinionDueOn">The last day of the commission's 10 weeks.</param>
/// <param name="OccurredAt">When it was recorded.</param>
public sealed record DisputeFiled(
    Guid DisputeId, Guid CaseId, string ChildReference, string HomeMunicipality, string Subject, Guid? ZorgplichtApplicationId, Guid? OppId,
    string SchoolOrganisationId, string SchoolType, string SchoolMunicipality, string SwvId, DateOnly DisputedDecisionOn, DateOnly FiledOn,
    bool FiledInTime, DateOnly AnswerDueOn, DateOnly OpinionDueOn, DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>The board answered the dispute (its verweerschrift); late is recorded and flagged.</summary>
/// <param name="DisputeId">The dispute.</param>
/// <param name="SchoolType">The school's location kind.</param>
/// <param name="SchoolMunicipality">CBS code of the school's municipality.</param>
/// <param name="SwvId">The school's samenwerkingsverband.</param>
/// <param name="AnsweredOn">The day of the answer.</param>
/// <param name="OnTime">Whether it came within the 2 weeks.</param>
/// <param name="OccurredAt">When it was recorded.</param>
public sealed record DisputeAnswered(
    Guid DisputeId, string SchoolType, string SchoolMunicipality, string SwvId, DateOnly AnsweredOn, bool OnTime, DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>
/// The dispute ended: the commission gave its opinion (founded, partly-founded, unfounded, inadmissible), or the
/// parents withdrew it. An opinion after the 10 weeks is recorded and flagged.
/// </summary>
/// <param name="DisputeId">The dispute.</param>
/// <param name="ChildReference">Pseudonymous child reference.</param>
/// <param name="Subject">admission-refused, removal or opp.</param>
/// <param name="SchoolType">The school's location kind.</param>
/// <param name="SchoolMunicipality">CBS code of the school's municipality.</param>
/// <param name="SwvId">The school's samenwerkingsverband.</param>
/// <param name="Outcome">founded, partly-founded, unfounded, inadmissible or withdrawn.</param>
/// <param name="EndedOn">The day of the opinion or withdrawal.</param>
/// <param name="OnTime">Whether an opinion came within the 10 weeks (a withdrawal: true).</param>
/// <param name="OccurredAt">When it was recorded.</param>
public sealed record DisputeConcluded(
    Guid DisputeId, string ChildReference, string Subject, string SchoolType, string SchoolMunicipality, string SwvId, string Outcome,
    DateOnly EndedOn, bool OnTime, DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>A term of the dispute passed without its step (raised once per step by a durable timer).</summary>
/// <param name="DisputeId">The dispute.</param>
/// <param name="SchoolOrganisationId">The school whose board is party.</param>
/// <param name="SchoolType">The school's location kind.</param>
/// <param name="SchoolMunicipality">CBS code of the school's municipality.</param>
/// <param name="SwvId">The school's samenwerkingsverband.</param>
/// <param name="Step">answer (the board's 2 weeks) or opinion (the commission's 10 weeks).</param>
/// <param name="DueOn">The last day of that term.</param>
/// <param name="OccurredAt">When the timer raised it.</param>
public sealed record DisputeTermPassed(
    Guid DisputeId, string SchoolOrganisationId, string SchoolType, string SchoolMunicipality, string SwvId, string Step, DateOnly DueOn,
    DateTimeOffset OccurredAt) : IIntegrationEvent;
