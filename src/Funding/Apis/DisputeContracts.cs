using Platform.Funding.Domain;

namespace Platform.Funding.Apis;

/// <summary>
/// Body of <c>POST /disputes</c>: the school whose board is party records the parents' filing at the Geschillencommissie passend
/// onderwijs. <c>subject</c>: <c>admission-refused</c> (with <c>zorgplichtApplicationId</c>, the decided application; the disputed
/// decision day is its decision day), <c>removal</c> (with <c>schoolLocationId</c> and <c>disputedDecisionOn</c>) or <c>opp</c> (with
/// <c>oppId</c> and <c>disputedDecisionOn</c>). No child details: the Intake case names the child.
/// </summary>
public sealed record FileDisputeRequest(
    Guid? CaseId, string? Subject, DateOnly? FiledOn, DateOnly? DisputedDecisionOn = null, Guid? ZorgplichtApplicationId = null, Guid? OppId = null,
    string? SchoolLocationId = null);

/// <summary>Body of <c>POST …/answer</c>: the day the board answered (its verweerschrift).</summary>
public sealed record AnswerDisputeRequest(DateOnly? AnsweredOn);

/// <summary>Body of <c>POST …/opinion</c>: the commission's opinion (founded, partly-founded, unfounded, inadmissible) and its day.</summary>
public sealed record DisputeOpinionRequest(string? Outcome, DateOnly? GivenOn);

/// <summary>Body of <c>POST …/withdrawal</c>: the day the parents withdrew the dispute.</summary>
public sealed record WithdrawDisputeRequest(DateOnly? WithdrawnOn);

/// <summary>The board's answer: its day and whether it came within the 2 weeks.</summary>
public sealed record DisputeAnswerResponse(DateOnly AnsweredOn, bool OnTime);

/// <summary>How the dispute ended: the opinion's outcome or <c>withdrawn</c>, its day, and whether an opinion came within the 10 weeks.</summary>
public sealed record DisputeConclusionResponse(string Outcome, DateOnly EndedOn, bool OnTime);

/// <summary>
/// A dispute as those involved see it: subject, dates, terms and outcome only (the parents' letter and the commission's reasoning
/// stay outside the platform). <c>status</c>: filed, answered or concluded. <c>answerTermPassed</c>, <c>opinionTermPassed</c>: the
/// durable timer raised the passing of that term.
/// </summary>
public sealed record DisputeResponse(
    Guid Id, Guid CaseId, string ChildReference, string HomeMunicipality, string Subject, Guid? ZorgplichtApplicationId, Guid? OppId,
    string SchoolOrganisationId, string SchoolLocationId, string SchoolType, string SchoolMunicipality, string SwvId, DateOnly DisputedDecisionOn,
    DateOnly FilingDueOn, DateOnly FiledOn, bool FiledInTime, DateTimeOffset RegisteredAt, string Status, DateOnly AnswerDueOn, bool AnswerTermPassed,
    DisputeAnswerResponse? Answer, DateOnly OpinionDueOn, bool OpinionTermPassed, DisputeConclusionResponse? Conclusion)
{
    public static DisputeResponse From(Dispute d) => new(
        d.Id, d.CaseId, d.ChildReference, d.HomeMunicipality, d.Subject, d.ZorgplichtApplicationId, d.OppId, d.SchoolOrganisationId, d.SchoolLocationId,
        d.SchoolType, d.SchoolMunicipality, d.SwvId, d.DisputedDecisionOn, d.FilingDueOn, d.FiledOn, d.FiledInTime, d.RegisteredAt,
        d.Status.ToString().ToLowerInvariant(), d.AnswerDueOn, d.AnswerTermPassedAt is not null,
        d.AnsweredOn is { } answered ? new DisputeAnswerResponse(answered, d.AnswerOnTime!.Value) : null,
        d.OpinionDueOn, d.OpinionTermPassedAt is not null,
        d.Outcome is { } outcome ? new DisputeConclusionResponse(outcome, d.EndedOn!.Value, d.EndedOnTime!.Value) : null);
}
