using System.Security.Claims;

namespace Platform.Directory.Apis;

public static class DirectoryApi
{
    public const string Prefix = "/api/directory";
    public const string Audience = "directory-api";

    /// <summary>This service to the shared host: its database, audience and prefix, and what its OpenAPI document says of it.</summary>
    public static readonly ApiService Service = new(ResourceNames.DirectoryDb, Audience, Prefix)
    {
        Title = "Directory API",
        Description = "The region as data: organisations (schools, SWVs, municipalities, care providers) with their locations, the municipalities and SWVs they belong to, and pupil counts. Everyone in the region reads it; the region's office maintains it.",
    };

    /// <summary>The directory's endpoint groups: the region, its organisations, their locations, pupil counts.</summary>
    public static IEndpointRouteBuilder MapDirectoryApi(this IEndpointRouteBuilder app) =>
        app.MapRegionApi().MapOrganisationsApi().MapLocationsApi().MapPupilCountsApi();

    /// <summary>The role of the region's office that keeps the directory.</summary>
    public const string AdminRole = "directory-admin";

    public static bool IsDirectoryAdmin(this ClaimsPrincipal user) => user.IsInRole(AdminRole);

    public static IResult NotAdmin() => TypedResults.Problem(title: "Only the region's directory keepers change this.",
        detail: $"It needs the role '{AdminRole}'.", statusCode: StatusCodes.Status403Forbidden);
}
