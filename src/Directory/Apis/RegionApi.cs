using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Directory.Domain;
using Platform.Directory.Infrastructure;
using Platform.Directory.Publishing;

namespace Platform.Directory.Apis;

/// <summary>The region, its sub-regions and municipalities.</summary>
public static class RegionApi
{
    public static IEndpointRouteBuilder MapRegionApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(DirectoryApi.Prefix).WithTags("Areas").RequireAuthorization().WithDomainProblems();
        group.MapGet("/region", GetAsync)
            .WithName("GetRegion")
            .WithSummary("Any organisation of the region reads the region: its sub-regions and their municipalities.");
        group.MapPut("/sub-regions/{id}", SetSubRegionAsync).Accepts<SetSubRegionRequest>("application/json")
            .WithName("SetSubRegion")
            .WithSummary("The directory keepers register a sub-region or rename it.")
            .ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapPut("/municipalities/{code}", SetMunicipalityAsync).Accepts<SetMunicipalityRequest>("application/json")
            .WithName("SetMunicipality")
            .WithSummary("The directory keepers register a municipality by its CBS code, or move it to another sub-region.")
            .ProducesProblem(StatusCodes.Status403Forbidden);
        return app;
    }

    private static async Task<Ok<RegionResponse>> GetAsync(DirectoryDbContext db, CancellationToken ct)
    {
        var state = await db.State.AsNoTracking().SingleAsync(ct);
        var municipalities = await db.Municipalities.AsNoTracking().OrderBy(m => m.Name).ToListAsync(ct);
        var subRegions = await db.SubRegions.AsNoTracking().OrderBy(s => s.Name).ToListAsync(ct);
        return TypedResults.Ok(new RegionResponse(state.Region, state.RegionName, state.Version,
            [.. subRegions.Select(s => new SubRegionResponse(s.Id, s.Name,
                [.. municipalities.Where(m => m.SubRegion == s.Id).Select(MunicipalityResponse.From)]))]));
    }

    private static async Task<Results<Created<SubRegionResponse>, Ok<SubRegionResponse>, ValidationProblem, ProblemHttpResult>> SetSubRegionAsync(
        string id, HttpRequest request, DirectoryDbContext db, TimeProvider clock)
    {
        if (!request.HttpContext.User.IsDirectoryAdmin()) return DirectoryApi.NotAdmin();
        var (body, malformed) = await JsonBody.ReadAsync<SetSubRegionRequest>(request);
        if (malformed is not null) return malformed;
        var v = new Validation();
        if (!DirectoryIds.IsSlug(id)) v.Add("id", "Lower-case letters, digits and hyphens.");
        var name = v.Required("name", body!.Name, 100);
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors());
        var created = await db.CommitAsync(clock, async ct =>
        {
            var existing = await db.SubRegions.FirstOrDefaultAsync(s => s.Id == id, ct);
            if (existing is not null) db.SubRegions.Remove(existing);
            db.SubRegions.Add(new SubRegion(id, name!));
            return existing is null;
        }, request.HttpContext.RequestAborted);
        var response = new SubRegionResponse(id, name!, []);
        if (created) return TypedResults.Created($"{DirectoryApi.Prefix}/region", response);
        return TypedResults.Ok(response);
    }

    private static async Task<Results<Created<MunicipalityResponse>, Ok<MunicipalityResponse>, ValidationProblem, ProblemHttpResult>> SetMunicipalityAsync(
        string code, HttpRequest request, DirectoryDbContext db, TimeProvider clock)
    {
        if (!request.HttpContext.User.IsDirectoryAdmin()) return DirectoryApi.NotAdmin();
        var (body, malformed) = await JsonBody.ReadAsync<SetMunicipalityRequest>(request);
        if (malformed is not null) return malformed;
        var v = new Validation();
        if (!DirectoryIds.IsMunicipalityCode(code)) v.Add("code", "A CBS gemeentecode: GM and four digits, e.g. GM0935.");
        var name = v.Required("name", body!.Name, 100);
        var subRegion = v.Required("subRegion", body.SubRegion, 100);
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors());
        var created = await db.CommitAsync(clock, async ct =>
        {
            if (!await db.SubRegions.AnyAsync(s => s.Id == subRegion, ct))
                throw new DomainRuleException("subRegion", $"'{subRegion}' is not a sub-region of the region.");
            var existing = await db.Municipalities.FirstOrDefaultAsync(m => m.Code == code, ct);
            if (existing is not null) db.Municipalities.Remove(existing);
            db.Municipalities.Add(new Municipality(code, name!, subRegion!));
            return existing is null;
        }, request.HttpContext.RequestAborted);
        var response = new MunicipalityResponse(code, name!, subRegion!);
        if (created) return TypedResults.Created($"{DirectoryApi.Prefix}/region", response);
        return TypedResults.Ok(response);
    }
}
