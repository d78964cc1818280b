using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Auditing;
using Platform.ConsentReplica;
using Platform.Contracts;
using Platform.DirectoryReplica;
using Platform.Funding.Budgets;
using Platform.Funding.Domain;
using Platform.Funding.Infrastructure;
using Platform.Funding.Placements;

namespace Platform.Funding.Apis;

/// <summary>
/// Collective and individual arrangements and their shared approval workflow. Who sees what: a
/// funder the arrangements it funds, a school those at its location, the escalation table those
/// escalated to it, a municipality the individual arrangements of its children; everyone else 404.
/// </summary>
public static partial class ArrangementsApi
{
    public static IEndpointRouteBuilder MapArrangementsApi(this IEndpointRouteBuilder app)
    {
        var arrangements = app.MapGroup($"{FundingApi.Prefix}/arrangements").WithTags("Arrangements")
            .RequireAuthorization().Audited<RouteGroupBuilder, FundingDbContext>("arrangement", ConsentPurposes.Arrangement).WithDomainProblems()
            .VisibleRecordsOnly((http, id, ct) => http.RequestServices.GetRequiredService<FundingDbContext>().Arrangements.AsNoTracking()
                .VisibleTo(http.User).AnyAsync(a => a.Id == id, ct), NotFound);
        arrangements.MapPost("/", DraftAsync).Accepts<ArrangementBody>("application/json")
            .WithSummary("An SWV or municipality drafts an arrangement: location, target group, places, period, cost split and funders' shares.");
        arrangements.MapGet("/", ListAsync).WithSummary("Arrangements you fund, run at your school, or decide as the escalation table; ?awaiting=true for those awaiting your decision.");
        arrangements.MapGet("/{id:guid}", GetAsync);
        arrangements.MapPut("/{id:guid}", ReviseAsync).Accepts<ArrangementBody>("application/json")
            .WithSummary("The proposer revises a draft (e.g. after a change request).");
        arrangements.MapGet("/{id:guid}/placements", PlacementsAsync).WithSummary("The children placed (by pseudonymous reference).");
        MapWorkflow(arrangements);
        return app;
    }

    internal static IQueryable<Arrangement> VisibleTo(this IQueryable<Arrangement> arrangements, ClaimsPrincipal user)
    {
        var org = user.RequiredOrganisationId();
        var municipality = user.OrganisationTypeOf() == "municipality" ? user.FindFirst(PlatformClaims.Municipality)?.Value : null;
        // A location grants sight only to the school it belongs to, never to e.g. a care provider working there.
        var school = user.OrganisationTypeOf() == "school" ? org : null;
        return arrangements.Where(a => a.Funders.Contains(org) || a.ProposedBy == org || (school != null && a.LocationOrganisationId == school)
            || a.PreFinancerId == org || a.EscalatedTo == org
            || (municipality != null && a.Kind == ArrangementKinds.Individual && a.HomeMunicipality == municipality));
    }

    private static async Task<IResult> DraftAsync(HttpRequest request, FundingDbContext db, IRegionDirectory directory, TimeProvider clock)
    {
        if (request.HttpContext.User.OrganisationTypeOf() is not ("swv" or "municipality"))
            return Forbidden("Only funders (SWVs and municipalities) propose arrangements.");
        var (body, malformed) = await JsonBody.ReadAsync<ArrangementBody>(request);
        if (malformed is not null) return malformed;
        var v = new Validation();
        var details = ArrangementBodyReader.Read(body!, v);
        if (details is null) return TypedResults.ValidationProblem(v.Errors(), title: "The arrangement has errors.");
        details = await InDirectoryAsync(details, directory, request.HttpContext.RequestAborted);

        var book = await BookForAsync(db, details.StartsOn.Year, details.Shares.Select(s => s.FunderId));
        var arrangement = Arrangement.Draft(details, request.HttpContext.User.RequiredOrganisationId(), book, clock.GetUtcNow());
        db.Arrangements.Add(arrangement);
        await db.SaveChangesAsync();
        return TypedResults.Created($"{FundingApi.Prefix}/arrangements/{arrangement.Id}", ArrangementResponse.From(arrangement, request.HttpContext.User.RequiredOrganisationId()));
    }

    private static async Task<IResult> ReviseAsync(Guid id, HttpRequest request, FundingDbContext db, IRegionDirectory directory, TimeProvider clock)
    {
        var (body, malformed) = await JsonBody.ReadAsync<ArrangementBody>(request);
        if (malformed is not null) return malformed;
        var v = new Validation();
        var details = ArrangementBodyReader.Read(body!, v);
        if (details is null) return TypedResults.ValidationProblem(v.Errors(), title: "The arrangement has errors.");
        details = await InDirectoryAsync(details, directory, request.HttpContext.RequestAborted);
        var user = request.HttpContext.User;
        var org = user.RequiredOrganisationId();
        return await Concurrency.RetryAsync(db, async () =>
        {
            var arrangement = await db.Arrangements.VisibleTo(user).FirstOrDefaultAsync(a => a.Id == id);
            if (arrangement is null) return NotFound(id);
            if (!MayPropose(arrangement, user)) return Forbidden("Only the proposer revises the arrangement.");
            var book = await BookForAsync(db, details.StartsOn.Year, details.Shares.Select(s => s.FunderId));
            arrangement.Revise(details, org, book, clock.GetUtcNow());
            await db.SaveChangesAsync();
            return TypedResults.Ok(ArrangementResponse.From(arrangement, org));
        });
    }

    private static async Task<IResult> ListAsync(bool? awaiting, string? status, HttpContext http, FundingDbContext db, IConsentCheck consents, TimeProvider clock, CancellationToken ct)
    {
        var org = http.User.RequiredOrganisationId();
        var query = db.Arrangements.AsNoTracking().VisibleTo(http.User);
        if (status is not null)
        {
            if (!Enum.GetValues<ArrangementStatus>().Any(s => ArrangementResponse.Kebab(s.ToString()) == status))
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["status"] = [$"One of: {string.Join(", ", Enum.GetValues<ArrangementStatus>().Select(s => ArrangementResponse.Kebab(s.ToString())))}."] });
            var wanted = Enum.GetValues<ArrangementStatus>().First(s => ArrangementResponse.Kebab(s.ToString()) == status);
            query = query.Where(a => a.Status == wanted);
        }
        var list = await query.OrderByDescending(a => a.ChangedAt).Take(500).ToListAsync(ct);
        var today = DutchTime.Today(clock);
        var shown = new List<ArrangementResponse>();
        foreach (var a in list)
            shown.Add(ArrangementResponse.From(a, org, a.ChildReference is { } child && await consents.CoversAsync(child, org, ConsentPurposes.Arrangement, today, ct)));
        http.Audit().Searched("arrangement", shown.Where(r => r.ChildReference is not null).Select(r => (r.Id.ToString(), r.ChildReference)));
        IEnumerable<ArrangementResponse> responses = shown;
        if (awaiting == true) responses = responses.Where(r => r.AwaitingYourDecision || (r.Status == "escalated" && r.Escalation?.TableId == org));
        return TypedResults.Ok(responses.ToList());
    }

    private static async Task<IResult> GetAsync(Guid id, HttpContext http, FundingDbContext db, IConsentCheck consents, TimeProvider clock, CancellationToken ct)
    {
        var found = await db.Arrangements.AsNoTracking().VisibleTo(http.User).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (found is null) return NotFound(id);
        var org = http.User.RequiredOrganisationId();
        var consented = found.ChildReference is { } child && await consents.CoversAsync(child, org, ConsentPurposes.Arrangement, DutchTime.Today(clock), ct);
        if (consented) http.Audit().Read("arrangement", id.ToString(), found.ChildReference);
        return TypedResults.Ok(ArrangementResponse.From(found, org, consented));
    }

    /// <summary>Every funder sees its arrangement's places; whose they are only under the child's consent for 'arrangement' (recorded).</summary>
    private static async Task<IResult> PlacementsAsync(Guid id, HttpContext http, FundingDbContext db, IConsentCheck consents, TimeProvider clock, CancellationToken ct)
    {
        if (!await db.Arrangements.VisibleTo(http.User).AnyAsync(a => a.Id == id, ct)) return NotFound(id);
        var placements = await db.Placements.AsNoTracking().Where(p => p.ArrangementId == id).OrderBy(p => p.PlacedAt).ToListAsync(ct);
        var org = http.User.RequiredOrganisationId();
        var today = DutchTime.Today(clock);
        var shown = new List<PlacementResponse>();
        foreach (var p in placements)
            shown.Add(PlacementResponse.From(p, await consents.CoversAsync(p.ChildReference, org, ConsentPurposes.Arrangement, today, ct)));
        http.Audit().Searched("placement", shown.Where(p => p.ChildReference is not null).Select(p => (p.Id.ToString(), p.ChildReference)));
        return TypedResults.Ok(shown);
    }

    /// <summary>The location and the municipalities served are the region's directory's, not free text (422 otherwise).</summary>
    private static async Task<ArrangementDetails> InDirectoryAsync(ArrangementDetails details, IRegionDirectory directory, CancellationToken ct)
    {
        var location = await directory.RequireLocationAsync("locationId", details.LocationId, ct);
        await directory.RequireMunicipalitiesAsync("servesMunicipalities", details.ServesMunicipalities, ct);
        return details with { LocationOrganisationId = location.OrganisationId };
    }

    /// <summary>The proposer, or, for an individual draft nobody proposes yet, the child's home municipality.</summary>
    private static bool MayPropose(Arrangement a, ClaimsPrincipal user)
    {
        var org = user.RequiredOrganisationId();
        if (a.ProposedBy == org) return true;
        return a.ProposedBy is null && a.Kind == ArrangementKinds.Individual && user.OrganisationTypeOf() == "municipality"
            && a.HomeMunicipality == user.FindFirst(PlatformClaims.Municipality)?.Value;
    }

    /// <summary>Loads (and tracks) the budgets of the given funders for the year, so the step can reserve and commit on them.</summary>
    internal static async Task<BudgetBook> BookForAsync(FundingDbContext db, int year, IEnumerable<string?> funders)
    {
        var ids = funders.OfType<string>().Distinct().ToList();
        return new BudgetBook(await db.Budgets.Where(b => b.Year == year && ids.Contains(b.FunderId)).ToListAsync());
    }

    internal static IResult NotFound(Guid id) => TypedResults.Problem(
        title: "Arrangement not found.", detail: $"No arrangement {id} your organisation takes part in.", statusCode: StatusCodes.Status404NotFound);

    internal static IResult Forbidden(string detail) => TypedResults.Problem(
        title: "Not your decision.", detail: detail, statusCode: StatusCodes.Status403Forbidden);
}
