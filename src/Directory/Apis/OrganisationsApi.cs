using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.Directory.Domain;
using Platform.Directory.Infrastructure;
using Platform.Directory.Publishing;

namespace Platform.Directory.Apis;

/// <summary>The organisations of the network: who takes part, what kind they are, where, and with which SWV.</summary>
public static class OrganisationsApi
{
    public static IEndpointRouteBuilder MapOrganisationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup($"{DirectoryApi.Prefix}/organisations").WithTags("Organisations")
            .RequireAuthorization().WithDomainProblems();
        group.MapGet("/", ListAsync).WithSummary("Organisations, filtered by type, municipality, sub-region or SWV.");
        group.MapGet("/{id}", GetAsync).WithSummary("One organisation and its locations.");
        group.MapPut("/{id}", SetAsync).Accepts<SetOrganisationRequest>("application/json")
            .WithSummary("Register an organisation or change it (directory keepers). Its id is its org_id.");
        return app;
    }

    private static async Task<IResult> ListAsync(string? type, string? municipality, string? subRegion, string? swv,
        DirectoryDbContext db, CancellationToken ct)
    {
        var v = new Validation();
        if (type is not null && !OrganisationTypes.All.Contains(type)) v.Add("type", $"One of: {string.Join(", ", OrganisationTypes.All)}.");
        if (municipality is not null && !DirectoryIds.IsMunicipalityCode(municipality)) v.Add("municipality", "A CBS code such as GM0935.");
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors());
        var organisations = await db.Organisations.AsNoTracking()
            .Where(o => (type == null || o.Type == type) && (municipality == null || o.Municipality == municipality)
                        && (subRegion == null || o.SubRegion == subRegion) && (swv == null || o.Swv == swv))
            .OrderBy(o => o.Type).ThenBy(o => o.Name).ToListAsync(ct);
        var ids = organisations.Select(o => o.Id).ToList();
        var locations = await db.Locations.AsNoTracking().Where(l => ids.Contains(l.OrganisationId))
            .Select(l => new { l.OrganisationId, l.Id }).ToListAsync(ct);
        return TypedResults.Ok(organisations.Select(o => OrganisationResponse.From(o,
            locations.Where(l => l.OrganisationId == o.Id).Select(l => l.Id).Order())));
    }

    private static async Task<IResult> GetAsync(string id, DirectoryDbContext db, CancellationToken ct)
    {
        var organisation = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, ct);
        if (organisation is null) return NotFound(id);
        var locations = await db.Locations.AsNoTracking().Where(l => l.OrganisationId == id).Select(l => l.Id).OrderBy(l => l).ToListAsync(ct);
        return TypedResults.Ok(OrganisationResponse.From(organisation, locations));
    }

    private static async Task<IResult> SetAsync(string id, HttpRequest request, DirectoryDbContext db, TimeProvider clock)
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
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors(), title: "The organisation has errors.");

        var details = new OrganisationDetails(name!, type!, municipality, swv, subRegion, body.Active);
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
        return created ? TypedResults.Created($"{DirectoryApi.Prefix}/organisations/{id}", response) : TypedResults.Ok(response);
    }

    private static IResult NotFound(string id) =>
        TypedResults.Problem(title: "Not found.", detail: $"No organisation '{id}' in the directory.", statusCode: StatusCodes.Status404NotFound);
}
