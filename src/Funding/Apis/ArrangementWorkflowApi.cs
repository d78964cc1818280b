using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Auditing;
using Platform.Funding.Budgets;
using Platform.Funding.Domain;
using Platform.Funding.Infrastructure;
using Platform.Funding.Placements;

namespace Platform.Funding.Apis;

/// <summary>The moves of the shared approval workflow. Each runs on fresh rows and is retried when it lost a race.</summary>
public static partial class ArrangementsApi
{
    private static void MapWorkflow(RouteGroupBuilder arrangements)
    {
        arrangements.MapPost("/{id:guid}/proposal", (Guid id, HttpContext http, FundingDbContext db, PlacementDesk desk, TimeProvider clock, IOptions<FundingOptions> options) =>
            StepAsync(id, http, db, desk, clock, Who.Proposer, (a, _, now) =>
                a.Propose(DutchTime.DateOf(now).AddDays(options.Value.DecisionPeriodDays), now)))
            .Move("ProposeArrangement", "The proposer puts the draft to its funders; they decide before the decision deadline or it escalates.");
        arrangements.MapPost("/{id:guid}/approval", (Guid id, HttpContext http, FundingDbContext db, PlacementDesk desk, TimeProvider clock) =>
            StepAsync(id, http, db, desk, clock, Who.Funder, (a, book, now) => a.Approve(http.User.RequiredOrganisationId(), book, now)))
            .Move("ApproveArrangement", "A funder approves its share: it is reserved on its budget (409 when that would overspend). The last approval activates.");
        arrangements.MapPost("/{id:guid}/rejection", RejectAsync).Accepts<ReasonRequest>("application/json")
            .Move("RejectArrangement", "A funder rejects its share, with a reason: the arrangement escalates to the table.");
        arrangements.MapPost("/{id:guid}/change-request", RequestChangeAsync).Accepts<ReasonRequest>("application/json")
            .Move("RequestArrangementChange", "A funder asks for a change: back to the proposer, every approval reset.");
        arrangements.MapPost("/{id:guid}/pre-financing", PreFinanceAsync).Accepts<PreFinancingRequest>("application/json")
            .Move("StartPreFinancing", "The designated funder starts an urgent arrangement on its own budget while the funding is disputed.");
        arrangements.MapPost("/{id:guid}/decision", DecideAsync).Accepts<DecisionRequest>("application/json")
            .Move("DecideArrangement", "The escalation table the dispute went to decides, bindingly: fund (with its own allocation if it wants) or refuse.");
        arrangements.MapPost("/{id:guid}/end", EndAsync).Accepts<EndRequest>("application/json")
            .Move("EndArrangement", "The proposer withdraws an arrangement before it runs, or ends it; its placements end.");
    }

    /// <summary>A move's name and summary, and the problems every move answers itself: 403 not the caller's move, 409 a lost race or an overspend.</summary>
    private static RouteHandlerBuilder Move(this RouteHandlerBuilder move, string name, string summary) =>
        move.ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict)
            .WithName(name).WithSummary(summary);

    private static async Task<Results<Ok<ArrangementResponse>, ValidationProblem, ProblemHttpResult>> RejectAsync(
        Guid id, HttpRequest request, FundingDbContext db, PlacementDesk desk, TimeProvider clock, IOptions<FundingOptions> options)
    {
        var (reason, problem) = await ReasonAsync(request);
        if (problem is not null) return problem;
        return await StepAsync(id, request.HttpContext, db, desk, clock, Who.Funder,
            (a, _, now) => a.Reject(request.HttpContext.User.RequiredOrganisationId(), reason!, options.Value.EscalationTableId, now)).Widened();
    }

    private static async Task<Results<Ok<ArrangementResponse>, ValidationProblem, ProblemHttpResult>> RequestChangeAsync(
        Guid id, HttpRequest request, FundingDbContext db, PlacementDesk desk, TimeProvider clock)
    {
        var (reason, problem) = await ReasonAsync(request);
        if (problem is not null) return problem;
        return await StepAsync(id, request.HttpContext, db, desk, clock, Who.Funder,
            (a, book, now) => a.RequestChange(request.HttpContext.User.RequiredOrganisationId(), reason!, book, now)).Widened();
    }

    private static async Task<Results<Ok<ArrangementResponse>, ValidationProblem, ProblemHttpResult>> PreFinanceAsync(
        Guid id, HttpRequest request, FundingDbContext db, PlacementDesk desk, TimeProvider clock)
    {
        var (body, malformed) = await JsonBody.ReadAsync<PreFinancingRequest>(request);
        if (malformed is not null) return malformed;
        if (body!.BudgetLine is not { } line || !BudgetLines.All.Contains(line))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["budgetLine"] = [$"One of: {string.Join(", ", BudgetLines.All)}."] });
        return await StepAsync(id, request.HttpContext, db, desk, clock, Who.PreFinancer,
            (a, book, now) => a.StartPreFinancing(request.HttpContext.User.RequiredOrganisationId(), line, book, now)).Widened();
    }

    private static async Task<Results<Ok<ArrangementResponse>, ValidationProblem, ProblemHttpResult>> EndAsync(
        Guid id, HttpRequest request, FundingDbContext db, PlacementDesk desk, TimeProvider clock)
    {
        var (body, malformed) = await JsonBody.ReadAsync<EndRequest>(request, allowEmpty: true);
        if (malformed is not null) return malformed;
        return await StepAsync(id, request.HttpContext, db, desk, clock, Who.Proposer,
            (a, book, now) => a.End(body?.EndedOn ?? DutchTime.DateOf(now), book, now)).Widened();
    }

    private enum Who { Proposer, Funder, PreFinancer, Table }

    private static async Task<Results<Ok<ArrangementResponse>, ValidationProblem, ProblemHttpResult>> DecideAsync(
        Guid id, HttpRequest request, FundingDbContext db, PlacementDesk desk, TimeProvider clock)
    {
        var (body, malformed) = await JsonBody.ReadAsync<DecisionRequest>(request);
        if (malformed is not null) return malformed;
        var v = new Validation();
        if (body!.Outcome is not ("fund" or "refuse")) v.Add("outcome", "fund or refuse.");
        var reason = v.Required("reason", body.Reason, 2000);
        var allocation = body.Allocation is { } given ? ArrangementBodyReader.ReadShares(given, "allocation", v) : null;
        if (body.Outcome == "refuse" && allocation is not null) v.Add("allocation", "Only a decision to fund allocates the cost.");
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors(), title: "The decision has errors.");
        return await StepAsync(id, request.HttpContext, db, desk, clock, Who.Table,
            (a, book, now) => a.Decide(request.HttpContext.User.RequiredOrganisationId(), body.Outcome == "fund", reason!, allocation, book, now),
            extraFunders: allocation?.Select(s => s.FunderId)).Widened();
    }

    private static async Task<(string? Reason, ValidationProblem? Problem)> ReasonAsync(HttpRequest request)
    {
        var (body, malformed) = await JsonBody.ReadAsync<ReasonRequest>(request);
        if (malformed is not null) return (null, malformed);
        var v = new Validation();
        var reason = v.Required("reason", body!.Reason, 2000);
        return v.IsValid ? (reason, null) : (null, TypedResults.ValidationProblem(v.Errors()));
    }

    /// <summary>
    /// One move: read the arrangement (404 if not visible), check the caller's part in it (403),
    /// load the budgets it may touch, move, let placements follow, save it all in one transaction.
    /// </summary>
    private static Task<Results<Ok<ArrangementResponse>, ProblemHttpResult>> StepAsync(Guid id, HttpContext http, FundingDbContext db, PlacementDesk desk, TimeProvider clock, Who who,
        Action<Arrangement, BudgetBook, DateTimeOffset> move, IEnumerable<string>? extraFunders = null) =>
        Concurrency.RetryAsync<Ok<ArrangementResponse>>(db, async () =>
        {
            var user = http.User;
            var org = user.RequiredOrganisationId();
            var arrangement = await db.Arrangements.VisibleTo(user).FirstOrDefaultAsync(a => a.Id == id);
            if (arrangement is null) return NotFound(id);
            var refusal = Refusal(arrangement, user, who);
            if (refusal is not null) return Forbidden(refusal);

            var book = await BookForAsync(db, arrangement.BudgetYear,
                arrangement.FunderIds.Append(arrangement.PreFinancerId).Append(arrangement.PreFinancing?.FunderId).Concat(extraFunders ?? []));
            move(arrangement, book, clock.GetUtcNow());
            if (arrangement.Status is ArrangementStatus.Ended or ArrangementStatus.Rejected) await desk.EndPlacementsAsync(arrangement, http.RequestAborted);
            else await desk.PlaceIndividualChildAsync(arrangement, http.RequestAborted);
            RecordDecision(http, db, arrangement, AuditActions.Update);
            await db.SaveChangesAsync();
            return TypedResults.Ok(ArrangementResponse.From(arrangement, org));
        });

    private static string? Refusal(Arrangement a, ClaimsPrincipal user, Who who)
    {
        var org = user.RequiredOrganisationId();
        if (user.OrganisationTypeOf() == "school") return "A school sees the arrangements at its location; the funders decide.";
        return who switch
        {
            Who.Proposer when !MayPropose(a, user) => "Only the proposer does this.",
            Who.Funder when !a.SharesOf(org).Any() => "Only a funder with a share decides on it.",
            Who.PreFinancer when a.PreFinancerId != org => "Only the designated pre-financer does this.",
            Who.Table when a.EscalatedTo != org => "Only the escalation table the dispute went to decides.",
            _ => null,
        };
    }
}
