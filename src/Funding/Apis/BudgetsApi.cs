using Microsoft.EntityFrameworkCore;
using Platform.Funding.Domain;
using Platform.Funding.Infrastructure;

namespace Platform.Funding.Apis;

/// <summary>A funder's own budgets per year and line: amount, reserved, committed and left.</summary>
public static class BudgetsApi
{
    public static IEndpointRouteBuilder MapBudgetsApi(this IEndpointRouteBuilder app)
    {
        var budgets = app.MapGroup($"{FundingApi.Prefix}/budgets").WithTags("Budgets")
            .RequireAuthorization().WithDomainProblems();
        budgets.MapGet("/", async (int? year, HttpContext http, FundingDbContext db, CancellationToken ct) =>
        {
            var org = http.User.RequiredOrganisationId();
            var list = await db.Budgets.AsNoTracking().Where(b => b.FunderId == org && (year == null || b.Year == year))
                .OrderBy(b => b.Year).ThenBy(b => b.Line).ToListAsync(ct);
            return TypedResults.Ok(list.Select(BudgetResponse.From));
        }).WithSummary("Your budgets, with what is reserved, committed and left.");
        budgets.MapPut("/{year:int}/{line}", SetAsync).Accepts<SetBudgetRequest>("application/json")
            .WithSummary("Set your budget for a year and line (an SWV: education-support, basic-support; a municipality: youth-care, basic-support).");
        return app;
    }

    private static async Task<IResult> SetAsync(int year, string line, HttpRequest request, FundingDbContext db, TimeProvider clock)
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
        return await Concurrency.RetryAsync(db, async () =>
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
        });
    }
}
