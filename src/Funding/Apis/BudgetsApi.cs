using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Funding.Domain;
using Platform.Funding.Infrastructure;
using Platform.Http.Paging;

namespace Platform.Funding.Apis;

/// <summary>A funder's own budgets per year and line: amount, reserved, committed and left.</summary>
public static class BudgetsApi
{
    public static IEndpointRouteBuilder MapBudgetsApi(this IEndpointRouteBuilder app)
    {
        var budgets = app.MapGroup($"{FundingApi.Prefix}/budgets").WithTags("Budgets")
            .RequireAuthorization().WithDomainProblems();
        budgets.MapGet("/", ListAsync)
            .WithName("ListBudgets")
            .WithSummary("A funder lists its own budgets by year and line, with what is reserved, committed and left.");
        budgets.MapPut("/{year:int}/{line}", SetAsync).Accepts<SetBudgetRequest>("application/json")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("SetBudget")
            .WithSummary("An SWV or municipality sets its budget for a year and line (an SWV: education-support, basic-support; a municipality: youth-care, basic-support).");
        return app;
    }

    /// <summary>In year and line order: a funder holds one budget per year and line, so the two are the key.</summary>
    private static async Task<Results<Ok<Page<BudgetResponse>>, ValidationProblem>> ListAsync(
        [Description("Only this calendar year's budgets.")] int? year,
        [Description(PageRequest.LimitDescription)] int? limit, [Description(PageRequest.CursorDescription)] string? cursor,
        HttpContext http, FundingDbContext db, CancellationToken ct)
    {
        var v = new Validation();
        var page = PageRequest.Read(limit, cursor, v);
        var after = AfterYearAndLine(page, v);
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors(), title: "The list request has errors.");

        var org = http.User.RequiredOrganisationId();
        var query = db.Budgets.AsNoTracking().Where(b => b.FunderId == org && (year == null || b.Year == year));
        if (after is var (afterYear, afterLine))
            query = query.Where(b => b.Year > afterYear || (b.Year == afterYear && b.Line.CompareTo(afterLine) > 0));
        var rows = await query.OrderBy(b => b.Year).ThenBy(b => b.Line).Take(page.Limit + 1).ToListAsync(ct);
        return TypedResults.Ok(page.PageOf(rows, BudgetResponse.From,
            b => [b.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), b.Line], http.Request));
    }

    private static (int Year, string Line)? AfterYearAndLine(PageRequest page, Validation v)
    {
        if (page.After is not { } keys) return null;
        if (keys.Count == 2 && int.TryParse(keys[0], System.Globalization.CultureInfo.InvariantCulture, out var year)
            && BudgetLines.All.Contains(keys[1]))
            return (year, keys[1]);
        v.Add("cursor", PageRequest.ForeignCursor);
        return null;
    }

    private static async Task<Results<Ok<BudgetResponse>, ValidationProblem, ProblemHttpResult>> SetAsync(
        int year, string line, HttpRequest request, FundingDbContext db, TimeProvider clock)
    {
        var user = request.HttpContext.User;
        var type = user.OrganisationTypeOf();
        if (type is not ("swv" or "municipality"))
            return TypedResults.Problem(title: "Only funders hold budgets.", detail: "SWVs and municipalities fund arrangements.", statusCode: StatusCodes.Status403Forbidden);
        var (body, malformed) = await JsonBody.ReadAsync<SetBudgetRequest>(request);
        if (malformed is not null) return malformed;
        var v = new Validation();
        if (year is < 2000 or > 2100) v.Add("year", "A calendar year.");
        if (!BudgetLines.All.Contains(line)) v.Add("line", $"One of: {string.Join(", ", BudgetLines.All)}.");
        if (body!.AmountCents is null) v.Add("amountCents", "Required: whole euro cents.");
        else if (body.AmountCents < 0) v.Add("amountCents", "Cannot be negative.");
        else if (body.AmountCents > ArrangementBodyReader.MaxCents) v.Add("amountCents", $"At most {ArrangementBodyReader.MaxCents} cents.");
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors(), title: "The budget has errors.");

        var org = user.RequiredOrganisationId();
        return await Concurrency.RetryAsync<Ok<BudgetResponse>>(db, async () =>
        {
            var now = clock.GetUtcNow();
            var budget = await db.Budgets.FirstOrDefaultAsync(b => b.FunderId == org && b.Year == year && b.Line == line);
            if (budget is null)
            {
                budget = Budget.Open(org, type, user.FindFirst(PlatformClaims.Municipality)?.Value, year, line, now);
                db.Budgets.Add(budget);
            }
            budget.SetAmount(body.AmountCents!.Value, now);
            await db.SaveChangesAsync();
            return TypedResults.Ok(BudgetResponse.From(budget));
        }).Widened();
    }
}
