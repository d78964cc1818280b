namespace Platform.Funding.Apis;

public static class FundingApi
{
    public const string Prefix = "/api/funding";
    public const string Audience = "funding-api";

    /// <summary>This service to the shared host: its database, audience and prefix.</summary>
    public static readonly ApiService Service = new(ResourceNames.FundingDb, Audience, Prefix);
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
