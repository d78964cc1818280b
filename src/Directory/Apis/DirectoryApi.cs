using Platform.Http.Paging;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Platform.Directory.Apis;

public static class DirectoryApi
{
    public const string Prefix = "/api/directory";
    public const string Audience = "directory-api";

    /// <summary>This service to the shared host: its database, audience and prefix, and what its OpenAPI document says of it.</summary>
    public static readonly ApiService Service = new(ResourceNames.DirectoryDb, Audience, Prefix)
    {
        Title = "Directory API",
        Description = "The region as data: organisations (schools, SWVs, municipalities, care providers) with their locations and school boards, the persons registered as TLV experts, the municipalities and SWVs they belong to, and pupil counts. Everyone in the region reads it; the region's office maintains it.",
        Tags = new Dictionary<string, string>
        {
            ["Areas"] = "The region, its sub-regions and its municipalities (CBS codes).",
            ["Organisations"] = "The organisations taking part: schools, SWVs, municipalities, youth health care and care providers, with their locations.",
            ["Locations"] = "Locations (vestigingen) with their fixed contacts per role and the arrangements they offer: the regional sociale kaart.",
            ["Services"] = "The collective arrangements (doelgroeparrangementen) running in the region: where, for whom, for which support domains.",
            ["Experts"] = "School boards (bevoegd gezag) and the persons registered as TLV experts, with the organisation they advise for, the board they work for and their disciplines (RULES.md §4).",
            ["Pupil counts"] = "Pupils per school location per school year (DUO's count of 1 October): the monitor's denominators.",
        },
    };

    /// <summary>The directory's endpoint groups: the region, its organisations, their locations, pupil counts.</summary>
    public static IEndpointRouteBuilder MapDirectoryApi(this IEndpointRouteBuilder app) =>
        app.MapRegionApi().MapOrganisationsApi().MapLocationsApi().MapPupilCountsApi().MapExpertsApi();

    /// <summary>The role of the region's office that keeps the directory.</summary>
    public const string AdminRole = "directory-admin";

    public static bool IsDirectoryAdmin(this ClaimsPrincipal user) => user.IsInRole(AdminRole);

    public static ProblemHttpResult NotAdmin() => TypedResults.Problem(title: "Only the region's directory keepers change this.",
        detail: $"It needs the role '{AdminRole}'.", statusCode: StatusCodes.Status403Forbidden);

    /// <summary>The 400 for a cursor that decodes but is not one of this list's (another list's, or tampered with).</summary>

    /// <summary>The <c>limit</c> and <c>cursor</c> parameters, described once for every list.</summary>
    public const string LimitDescription = "Items per page, 1 to 200 (default 50).";
    public const string CursorDescription = "Where the page starts: take it from the previous page's 'next' link; leave it out for the first page.";
}
