using System.Text.RegularExpressions;
using Platform.Funding.Domain;

namespace Platform.Funding.Apis;

public static class FundingApi
{
    public const string Prefix = "/api/funding";
    public const string Audience = "funding-api";

    /// <summary>This service to the shared host: its database, audience and prefix, and what its OpenAPI document says of it.</summary>
    public static readonly ApiService Service = new(ResourceNames.FundingDb, Audience, Prefix)
    {
        Title = "Funding API",
        Description = "Collective and individual arrangements (doelgroeparrangementen) combining education and Jeugdwet budgets, with their funders' shared approval workflow and escalation; budgets; toelaatbaarheidsverklaringen (TLV) and placements.",
        Tags = new Dictionary<string, string>
        {
            ["Budgets"] = "A funder's own budgets per year and line, and what its arrangements reserve and commit on them.",
            ["Arrangements"] = "Collective and individual arrangements, their funders' approval workflow, escalation to the table, and the children placed in them.",
            ["TLVs"] = "Toelaatbaarheidsverklaringen: a school's request, the experts' advices and the SWV's decision on admission to special education.",
            ["Zorgplicht"] = "The school board's zorgplicht: the parents' written application, the 6-week term (extendable once by 4 weeks), the outcome, and the temporary placement after 10 weeks.",
            ["OPP"] = "Ontwikkelingsperspectief: its dates (set within 6 weeks of enrolment, evaluated yearly), status and the parents' consent to its handelingsdeel; the content stays at the school.",
            ["Disputes"] = "Disputes at the Geschillencommissie passend onderwijs (admission refused, removal, OPP): filed within 6 weeks, the board's answer in 2, the opinion within 10; dates, subject and outcome only.",
        },
        RequestExamples = FundingExamples.Requests,
    };

    /// <summary>Every endpoint of the service, in the order its OpenAPI document lists them.</summary>
    public static WebApplication MapFundingApis(this WebApplication app)
    {
        app.MapBudgetsApi();
        app.MapArrangementsApi();
        app.MapTlvApi();
        app.MapZorgplichtApi();
        app.MapOppApi();
        app.MapDisputeApi();
        return app;
    }
}

/// <summary>Body of <c>PUT /budgets/{year}/{line}</c>: the budget's amount in euro cents.</summary>
public sealed record SetBudgetRequest(long? AmountCents);

/// <summary>The cost of each part, in euro cents.</summary>
public sealed record CostsRequest(long? EducationCents, long? CareCents, long? JointCents);

/// <summary>One funder's share of one part (education, care or joint), in euro cents.</summary>
public sealed record ShareRequest(string? Part, string? FunderId, long? AmountCents);

/// <summary>Body of <c>POST /arrangements</c> and <c>PUT /arrangements/{id}</c>.</summary>
public sealed record ArrangementBody(
    string? Kind, string? Title, string? LocationId, string? TargetGroup, IReadOnlyList<string>? SupportDomains,
    IReadOnlyList<string>? ServesMunicipalities, int? Places, DateOnly? StartsOn, DateOnly? EndsOn, bool? Urgent, bool? Portable,
    string? PreFinancerId, CostsRequest? Costs, IReadOnlyList<ShareRequest>? Shares);

/// <summary>A rejection or a change request, with its reason.</summary>
public sealed record ReasonRequest(string? Reason);

/// <summary>The pre-financer names the budget line it pre-finances from.</summary>
public sealed record PreFinancingRequest(string? BudgetLine);

/// <summary>The escalation table's binding decision: fund (optionally with its own allocation of the cost) or refuse.</summary>
public sealed record DecisionRequest(string? Outcome, string? Reason, IReadOnlyList<ShareRequest>? Allocation);

/// <summary>The last day of the arrangement (default: today).</summary>
public sealed record EndRequest(DateOnly? EndedOn);

public sealed record BudgetResponse(
    int Year, string Line, long AmountCents, long ReservedCents, long CommittedCents, long LeftCents, DateTimeOffset UpdatedAt)
{
    public static BudgetResponse From(Budget b) => new(b.Year, b.Line, b.AmountCents, b.ReservedCents, b.CommittedCents, b.LeftCents, b.UpdatedAt);
}

public sealed record CostsResponse(long EducationCents, long CareCents, long JointCents, long TotalCents);

public sealed record ShareResponse(Guid Id, string Part, string FunderId, string BudgetLine, long AmountCents, string Decision, string? Reason, DateTimeOffset? DecidedAt);

public sealed record EscalationResponse(string Cause, string TableId, DateTimeOffset EscalatedAt, string? Outcome, string? DecisionReason, DateTimeOffset? DecidedAt);

public sealed record PreFinancingResponse(string FunderId, string BudgetLine, long AmountCents, DateTimeOffset StartedAt, DateTimeOffset? SettledAt, long? BorneCents);

public sealed record ArrangementResponse(
    Guid Id, string Kind, string Status, string Title, string LocationId, string TargetGroup, IReadOnlyList<string> SupportDomains,
    IReadOnlyList<string> ServesMunicipalities, int Places, int Occupied, int FreePlaces, DateOnly StartsOn, DateOnly EndsOn,
    bool Urgent, bool Portable, string? PreFinancerId, CostsResponse Costs, IReadOnlyList<ShareResponse> Shares,
    string? ProposedBy, DateTimeOffset? ProposedAt, DateOnly? DecisionDueOn, bool AwaitingYourDecision,
    IReadOnlyList<ChangeRequest> ChangeRequests, EscalationResponse? Escalation, PreFinancingResponse? PreFinancing,
    Guid? CaseId, string? ChildReference, string? HomeMunicipality, DateOnly? EndedOn)
{
    /// <summary>An individual arrangement names its child's case only to those a valid consent covers for 'arrangement'.</summary>
    public static ArrangementResponse From(Arrangement a, string viewer, bool consented = false) => new(
        a.Id, a.Kind, Kebab(a.Status.ToString()), a.Title, a.LocationId, a.TargetGroup, a.SupportDomains, a.ServesMunicipalities,
        a.Places, a.Occupied, a.FreePlaces, a.StartsOn, a.EndsOn, a.Urgent, a.Portable, a.PreFinancerId,
        new CostsResponse(a.Costs.EducationCents, a.Costs.CareCents, a.Costs.JointCents, a.Costs.TotalCents),
        [.. a.Shares.Select(s => new ShareResponse(s.Id, s.Part, s.FunderId, s.Line, s.AmountCents, Kebab(s.Decision.ToString()), s.Reason, s.DecidedAt))],
        a.ProposedBy, a.ProposedAt, a.DecisionDueOn,
        a.Status is ArrangementStatus.Proposed or ArrangementStatus.PartiallyApproved && a.SharesOf(viewer).Any(s => s.Decision == ShareDecision.Pending),
        a.ChangeRequests,
        a.Escalation is { } e ? new EscalationResponse(e.Cause, e.TableId, e.EscalatedAt, e.Outcome, e.DecisionReason, e.DecidedAt) : null,
        a.PreFinancing is { } p ? new PreFinancingResponse(p.FunderId, p.Line, p.AmountCents, p.StartedAt, p.SettledAt, p.BorneCents) : null,
        consented ? a.CaseId : null, consented ? a.ChildReference : null, a.HomeMunicipality, a.EndedOn);

    internal static string Kebab(string name) => Regex.Replace(name, "(?<!^)([A-Z])", "-$1").ToLowerInvariant();
}

/// <param name="CaseId">The child's case: only for an organisation a valid consent covers for 'arrangement'.</param>
/// <param name="ChildReference">Likewise: without that consent a funder sees that a place is taken, not by whom.</param>
public sealed record PlacementResponse(
    Guid Id, Guid ArrangementId, Guid? CaseId, string? ChildReference, string Kind, string SchoolId, DateOnly StartsOn,
    DateOnly? EndedOn, string Status, bool ReplacedIndividualDecision)
{
    public static PlacementResponse From(Placement p, bool consented) => new(p.Id, p.ArrangementId, consented ? p.CaseId : null,
        consented ? p.ChildReference : null, p.Kind, p.SchoolId, p.StartsOn, p.EndedOn, ArrangementResponse.Kebab(p.Status.ToString()),
        p.ReplacedIndividualDecision);
}
