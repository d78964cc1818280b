using System.ComponentModel;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
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
using Platform.Http.Paging;

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
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithName("DraftArrangement")
            .WithSummary("An SWV or municipality drafts an arrangement: location, target group, places, period, cost split and funders' shares.");
        arrangements.MapGet("/", ListAsync)
            .WithName("ListArrangements")
            .WithSummary("Anyone involved lists the arrangements it takes part in (funds, proposed, pre-finances, runs at its school, or decides as the escalation table), newest first.");
        arrangements.MapGet("/{id:guid}", GetAsync)
            .WithName("GetArrangement")
            .WithSummary("Anyone involved reads one arrangement, with its shares, escalation and pre-financing; the child's case only under consent.");
        arrangements.MapPut("/{id:guid}", ReviseAsync).Accepts<ArrangementBody>("application/json")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("ReviseArrangement")
            .WithSummary("The proposer revises a draft (e.g. after a change request).");
        arrangements.MapGet("/{id:guid}/placements", PlacementsAsync)
            .WithName("ListPlacements")
            .WithSummary("Anyone involved lists the children placed in an arrangement, by pseudonymous reference under consent, in order of placement.");
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

    /// <summary>
    /// Every decision about a child in Funding leaves an access-log line that commits with it (#25 point 7,
    /// NEN 7513): the arrangement drafted, revised or moved, and each placement the move made or ended.
    /// </summary>
    private static void RecordDecision(HttpContext http, FundingDbContext db, Arrangement arrangement, string action)
    {
        var audit = http.Audit();
        audit.Changed(db, action, "arrangement", arrangement.Id.ToString(), arrangement.ChildReference);
        foreach (var placement in db.ChangeTracker.Entries<Placement>().Where(e => e.State is EntityState.Added or EntityState.Modified).ToList())
            audit.Changed(db, placement.State == EntityState.Added ? AuditActions.Create : AuditActions.Update, "placement",
                placement.Entity.Id.ToString(), placement.Entity.ChildReference);
    }

    private static async Task<Results<Created<ArrangementResponse>, ValidationProblem, ProblemHttpResult>> DraftAsync(HttpRequest request, FundingDbContext db, IRegionDirectory directory, TimeProvider clock)
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
        RecordDecision(request.HttpContext, db, arrangement, AuditActions.Create);
        await db.SaveChangesAsync();
        return TypedResults.Created($"{FundingApi.Prefix}/arrangements/{arrangement.Id}", ArrangementResponse.From(arrangement, request.HttpContext.User.RequiredOrganisationId()));
    }

    private static async Task<Results<Ok<ArrangementResponse>, ValidationProblem, ProblemHttpResult>> ReviseAsync(
        Guid id, HttpRequest request, FundingDbContext db, IRegionDirectory directory, TimeProvider clock)
    {
        var (body, malformed) = await JsonBody.ReadAsync<ArrangementBody>(request);
        if (malformed is not null) return malformed;
        var v = new Validation();
        var details = ArrangementBodyReader.Read(body!, v);
        if (details is null) return TypedResults.ValidationProblem(v.Errors(), title: "The arrangement has errors.");
        details = await InDirectoryAsync(details, directory, request.HttpContext.RequestAborted);
        var user = request.HttpContext.User;
        var org = user.RequiredOrganisationId();
        return await Concurrency.RetryAsync<Ok<ArrangementResponse>>(db, async () =>
        {
            var arrangement = await db.Arrangements.VisibleTo(user).FirstOrDefaultAsync(a => a.Id == id);
            if (arrangement is null) return NotFound(id);
            if (!MayPropose(arrangement, user)) return Forbidden("Only the proposer revises the arrangement.");
            var book = await BookForAsync(db, details.StartsOn.Year, details.Shares.Select(s => s.FunderId));
            arrangement.Revise(details, org, book, clock.GetUtcNow());
            RecordDecision(request.HttpContext, db, arrangement, AuditActions.Update);
            await db.SaveChangesAsync();
            return TypedResults.Ok(ArrangementResponse.From(arrangement, org));
        }).Widened();
    }

    /// <summary>
    /// Newest first by creation, the id breaking ties. Not by the last change: an arrangement that
    /// moved while a client paged would jump ahead of its cursor and be missed.
    /// </summary>
    private static async Task<Results<Ok<Page<ArrangementResponse>>, ValidationProblem>> ListAsync(
        [Description("true: only those awaiting your decision (a share of yours still pending, or escalated to you as the table).")] bool? awaiting,
        [Description("Only those in this status: draft, proposed, partially-approved, active, escalated, rejected, ended.")] string? status,
        [Description(PageRequest.LimitDescription)] int? limit, [Description(PageRequest.CursorDescription)] string? cursor,
        HttpContext http, FundingDbContext db, IConsentCheck consents, TimeProvider clock, CancellationToken ct)
    {
        var v = new Validation();
        ArrangementStatus? wanted = null;
        if (status is not null)
        {
            wanted = Enum.GetValues<ArrangementStatus>().Cast<ArrangementStatus?>().FirstOrDefault(s => ArrangementResponse.Kebab(s.ToString()!) == status);
            if (wanted is null) v.Add("status", $"One of: {string.Join(", ", Enum.GetValues<ArrangementStatus>().Select(s => ArrangementResponse.Kebab(s.ToString())))}.");
        }
        var page = PageRequest.Read(limit, cursor, v);
        var after = page.AfterTimeAndId(v);
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors(), title: "The list request has errors.");

        var org = http.User.RequiredOrganisationId();
        var query = db.Arrangements.AsNoTracking().VisibleTo(http.User);
        if (wanted is not null) query = query.Where(a => a.Status == wanted);
        if (awaiting == true) query = query.AwaitingDecisionOf(org);
        if (after is var (at, last)) query = query.Where(a => a.CreatedAt < at || (a.CreatedAt == at && a.Id.CompareTo(last) < 0));
        var rows = await query.OrderByDescending(a => a.CreatedAt).ThenByDescending(a => a.Id).Take(page.Limit + 1).ToListAsync(ct);
        var read = page.PageOf(rows, a => a, a => PageRequest.TimeAndId(a.CreatedAt, a.Id), http.Request);

        var today = DutchTime.Today(clock);
        var shown = new List<ArrangementResponse>();
        foreach (var a in read.Items)
            shown.Add(ArrangementResponse.From(a, org, a.ChildReference is { } child && await consents.CoversAsync(child, org, ConsentPurposes.Arrangement, today, ct)));
        http.Audit().Searched("arrangement", shown.Where(r => r.ChildReference is not null).Select(r => (r.Id.ToString(), r.ChildReference)));
        return TypedResults.Ok(new Page<ArrangementResponse>(shown, read.Next));
    }

    /// <summary>What <see cref="ArrangementResponse.AwaitingYourDecision"/> says, and escalations to the caller as the table, as a query.</summary>
    private static IQueryable<Arrangement> AwaitingDecisionOf(this IQueryable<Arrangement> arrangements, string org) =>
        arrangements.Where(a =>
            ((a.Status == ArrangementStatus.Proposed || a.Status == ArrangementStatus.PartiallyApproved)
                && a.Shares.Any(s => s.FunderId == org && s.Decision == ShareDecision.Pending))
            || (a.Status == ArrangementStatus.Escalated && a.EscalatedTo == org));

    private static async Task<Results<Ok<ArrangementResponse>, ProblemHttpResult>> GetAsync(
        Guid id, HttpContext http, FundingDbContext db, IConsentCheck consents, TimeProvider clock, CancellationToken ct)
    {
        var found = await db.Arrangements.AsNoTracking().VisibleTo(http.User).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (found is null) return NotFound(id);
        var org = http.User.RequiredOrganisationId();
        var consented = found.ChildReference is { } child && await consents.CoversAsync(child, org, ConsentPurposes.Arrangement, DutchTime.Today(clock), ct);
        if (consented) http.Audit().Read("arrangement", id.ToString(), found.ChildReference);
        return TypedResults.Ok(ArrangementResponse.From(found, org, consented));
    }

    /// <summary>Every funder sees its arrangement's places; whose they are only under the child's consent for 'arrangement' (recorded).</summary>
    private static async Task<Results<Ok<Page<PlacementResponse>>, ValidationProblem, ProblemHttpResult>> PlacementsAsync(Guid id,
        [Description(PageRequest.LimitDescription)] int? limit, [Description(PageRequest.CursorDescription)] string? cursor,
        HttpContext http, FundingDbContext db, IConsentCheck consents, TimeProvider clock, CancellationToken ct)
    {
        var v = new Validation();
        var page = PageRequest.Read(limit, cursor, v);
        var after = page.AfterTimeAndId(v);
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors(), title: "The list request has errors.");
        if (!await db.Arrangements.VisibleTo(http.User).AnyAsync(a => a.Id == id, ct)) return NotFound(id);

        var query = db.Placements.AsNoTracking().Where(p => p.ArrangementId == id);
        if (after is var (at, last)) query = query.Where(p => p.PlacedAt > at || (p.PlacedAt == at && p.Id.CompareTo(last) > 0));
        var rows = await query.OrderBy(p => p.PlacedAt).ThenBy(p => p.Id).Take(page.Limit + 1).ToListAsync(ct);
        var read = page.PageOf(rows, p => p, p => PageRequest.TimeAndId(p.PlacedAt, p.Id), http.Request);

        var org = http.User.RequiredOrganisationId();
        var today = DutchTime.Today(clock);
        var shown = new List<PlacementResponse>();
        foreach (var p in read.Items)
            shown.Add(PlacementResponse.From(p, await consents.CoversAsync(p.ChildReference, org, ConsentPurposes.Arrangement, today, ct)));
        http.Audit().Searched("placement", shown.Where(p => p.ChildReference is not null).Select(p => (p.Id.ToString(), p.ChildReference)));
        return TypedResults.Ok(new Page<PlacementResponse>(shown, read.Next));
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

    internal static ProblemHttpResult NotFound(Guid id) => TypedResults.Problem(
        title: "Arrangement not found.", detail: $"No arrangement {id} your organisation takes part in.", statusCode: StatusCodes.Status404NotFound);

    internal static ProblemHttpResult Forbidden(string detail) => TypedResults.Problem(
        title: "Not your decision.", detail: detail, statusCode: StatusCodes.Status403Forbidden);
}
