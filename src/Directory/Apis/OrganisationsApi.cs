using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.Directory.Domain;
using Platform.Directory.Infrastructure;
using Platform.Directory.Publishing;
using Platform.Http.Paging;

namespace Platform.Directory.Apis;

/// <summary>The organisations of the network: who takes part, what kind they are, where, and with which SWV.</summary>
public static class OrganisationsApi
{
    public static IEndpointRouteBuilder MapOrganisationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup($"{DirectoryApi.Prefix}/organisations").WithTags("Organisations")
            .RequireAuthorization().WithDomainProblems();
        group.MapGet("/", ListAsync)
            .WithName("ListOrganisations")
            .WithSummary("Any organisation of the region lists the organisations, by type and then name, filtered by type, municipality, sub-region or SWV.");
        group.MapGet("/{id}", GetAsync)
            .WithName("GetOrganisation")
            .WithSummary("Any organisation of the region reads one organisation and its locations.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/{id}", SetAsync).Accepts<SetOrganisationRequest>("application/json")
            .WithName("SetOrganisation")
            .WithSummary("The directory keepers register an organisation or change it; its id is its org_id.")
            .ProducesProblem(StatusCodes.Status403Forbidden);
        return app;
    }

    /// <summary>By type, then name, then id; the cursor is the last organisation's (type, name, id).</summary>
    private static async Task<Results<Ok<Page<OrganisationResponse>>, ValidationProblem>> ListAsync(
        [Description("municipality, swv, school, childcare, jgz, youth-care-provider, escalation-table or region.")] string? type,
        [Description("A CBS municipality code such as GM0935.")] string? municipality,
        [Description("A sub-region id such as parkstad.")] string? subRegion,
        [Description("An SWV's organisation id.")] string? swv,
        [Description(DirectoryApi.LimitDescription)] int? limit,
        [Description(DirectoryApi.CursorDescription)] string? cursor,
        HttpRequest request, DirectoryDbContext db, CancellationToken ct)
    {
        var v = new Validation();
        if (type is not null && !OrganisationTypes.All.Contains(type)) v.Add("type", $"One of: {string.Join(", ", OrganisationTypes.All)}.");
        if (municipality is not null && !DirectoryIds.IsMunicipalityCode(municipality)) v.Add("municipality", "A CBS code such as GM0935.");
        var page = PageRequest.Read(limit, cursor, v);
        if (page.After is { Count: not 3 }) v.Add("cursor", PageRequest.ForeignCursor);
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors());

        var query = db.Organisations.AsNoTracking()
            .Where(o => (type == null || o.Type == type) && (municipality == null || o.Municipality == municipality)
                        && (subRegion == null || o.SubRegion == subRegion) && (swv == null || o.Swv == swv));
        if (page.After is [var afterType, var afterName, var afterId])
            query = query.Where(o => string.Compare(o.Type, afterType) > 0
                || (o.Type == afterType && (string.Compare(o.Name, afterName) > 0 || (o.Name == afterName && string.Compare(o.Id, afterId) > 0))));
        var rows = await query.OrderBy(o => o.Type).ThenBy(o => o.Name).ThenBy(o => o.Id).Take(page.Limit + 1).ToListAsync(ct);
        var ids = rows.Select(o => o.Id).ToList();
        var locations = await db.Locations.AsNoTracking().Where(l => ids.Contains(l.OrganisationId))
            .Select(l => new { l.OrganisationId, l.Id }).ToListAsync(ct);
        return TypedResults.Ok(page.PageOf(rows,
            o => OrganisationResponse.From(o, locations.Where(l => l.OrganisationId == o.Id).Select(l => l.Id).Order()),
            o => [o.Type, o.Name, o.Id], request));
    }

    private static async Task<Results<Ok<OrganisationResponse>, ProblemHttpResult>> GetAsync(string id, DirectoryDbContext db, CancellationToken ct)
    {
        var organisation = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, ct);
        if (organisation is null) return NotFound(id);
        var locations = await db.Locations.AsNoTracking().Where(l => l.OrganisationId == id).Select(l => l.Id).OrderBy(l => l).ToListAsync(ct);
        return TypedResults.Ok(OrganisationResponse.From(organisation, locations));
    }

    private static async Task<Results<Created<OrganisationResponse>, Ok<OrganisationResponse>, ValidationProblem, ProblemHttpResult>> SetAsync(
        string id, HttpRequest request, DirectoryDbContext db, TimeProvider clock)
    {
        if (!request.HttpContext.User.IsDirectoryAdmin()) return DirectoryApi.NotAdmin();
        var (body, malformed) = await JsonBody.ReadAsync<SetOrganisationRequest>(request);
        if (malformed is not null) return malformed;
        var v = new Validation();
        var name = v.Required("name", body!.Name, 200);
        var type = v.Required("type", body.Type, 40);
        var municipality = v.Optional("municipality", body.Municipality, 6);
        var swv = v.Optional("swv", body.Swv, 100);
        var subRegion = v.Optional("subRegion", body.SubRegion, 100);
        var boardId = v.Optional("boardId", body.BoardId, 100);
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors(), title: "The organisation has errors.");

        var details = new OrganisationDetails(name!, type!, municipality, swv, subRegion, body.Active, boardId);
        var (organisation, created) = await db.CommitAsync(clock, async ct =>
        {
            var references = await db.ReferencesAsync(ct);
            var now = clock.GetUtcNow();
            var existing = await db.Organisations.FirstOrDefaultAsync(o => o.Id == id, ct);
            if (existing is not null)
            {
                existing.Change(details, references, now);
                return (existing, false);
            }
            var registered = Organisation.Register(id, details, references, now);
            db.Organisations.Add(registered);
            return (registered, true);
        }, request.HttpContext.RequestAborted);
        var response = OrganisationResponse.From(organisation, []);
        if (created) return TypedResults.Created($"{DirectoryApi.Prefix}/organisations/{id}", response);
        return TypedResults.Ok(response);
    }

    private static ProblemHttpResult NotFound(string id) =>
        TypedResults.Problem(title: "Not found.", detail: $"No organisation '{id}' in the directory.", statusCode: StatusCodes.Status404NotFound);
}
