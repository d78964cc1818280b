using Platform.ChildLinks;
using Platform.Attendance.Infrastructure;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Attendance.Domain;
using Platform.DirectoryReplica;
using Platform.Privacy;

namespace Platform.Attendance.Apis;

public static class AttendanceApi
{
    public const string Prefix = "/api/attendance";
    public const string Audience = "attendance-api";

    /// <summary>This service to the shared host: its database, audience and prefix, and what its OpenAPI document says of it.</summary>
    public static readonly ApiService Service = new(ResourceNames.AttendanceDb, Audience, Prefix)
    {
        Title = "Attendance API",
        Description = "Leerplicht: absence reports by schools, thuiszitter cases with their clocks, and exemptions from compulsory education, for schools and the leerplicht officers of the child's municipality.",
        Tags = new Dictionary<string, string>
        {
            ["Absence reports"] = "Absence (verzuim) a school reports; the leerplicht officers of the child's municipality take them in hand.",
            ["Thuiszitters"] = "Children of compulsory school age out of school, with the plan and escalation deadlines their municipality works to.",
            ["Exemptions"] = "Exemptions from compulsory education (vrijstelling, art. 5 sub a/b/c) the child's municipality records.",
            ["School calendar"] = "The school holidays per holiday region, the public holidays and a school's own days off: what school weeks and school days are counted in.",
            ["Leave"] = "Leave from school (verlof, art. 13a and 14) the school records for the parents; decided by the head of school or, above 10 school days, the leerplicht officer.",
            [Platform.ChildLinks.ChildLinksApi.Tag] = Platform.ChildLinks.ChildLinksApi.TagDescription,
        },
        RequestExamples = AttendanceExamples.Requests,
    };

    /// <summary>Every endpoint of the service, in the order its OpenAPI document lists them.</summary>
    public static WebApplication MapAttendanceApis(this WebApplication app)
    {
        app.MapAbsenceReportsApi();
        app.MapThuiszittersApi();
        app.MapExemptionsApi();
        app.MapSchoolCalendarApi();
        app.MapLeaveApi();
        app.MapChildLinksApi<AttendanceDbContext>(AttendanceApi.Prefix, Platform.Auditing.LegalPurposes.Leerplicht);
        return app;
    }
}

/// <summary>Who is asking, from the token: the tenant every query is filtered by.</summary>
internal sealed record Tenant(string OrganisationId, string? Type, string? Municipality)
{
    public static Tenant Of(ClaimsPrincipal user) => new(user.RequiredOrganisationId(), user.OrganisationTypeOf(), user.FindFirst(PlatformClaims.Municipality)?.Value);

    public bool IsSchool => Type == "school";

    /// <summary>The leerplicht officers of a municipality: they see the children who live there.</summary>
    public bool IsMunicipality => Type == "municipality" && Municipality is not null;

    public bool IsEscalationTable => Type == "escalation-table";

    public static ProblemHttpResult NotFound(string what, Guid id) => TypedResults.Problem(
        title: $"{what} not found.", detail: $"No {what.ToLowerInvariant()} {id} for your organisation.", statusCode: StatusCodes.Status404NotFound);

    public static ProblemHttpResult Forbidden(string who) => TypedResults.Problem(
        title: "Not for your organisation.", detail: $"Only {who} may do this.", statusCode: StatusCodes.Status403Forbidden);
}

internal static partial class ChildInput
{
    /// <summary>
    /// The child of a request: exactly one of bsn, onderwijsnummer or platformChildId (ADR-0015, RULES.md §6: pupils
    /// without a BSN get DUO's onderwijsnummer), 400 naming the field otherwise.
    /// </summary>
    public static ChildDetails? Read(Validation v, ChildRequest? child, DateOnly today, ChildReferences references, out ChildIdentifier identifier)
    {
        identifier = default;
        if (child is null) { v.Add("child", "Required."); return null; }
        if (ChildIdentifier.Read(child.Bsn, child.Onderwijsnummer, child.PlatformChildId, references, (f, m) => v.Add(f, m)) is { } read) identifier = read;
        var given = v.Required("child.givenName", child.GivenName, 200);
        var family = v.Required("child.familyName", child.FamilyName, 200);
        if (child.DateOfBirth is not { } dob) v.Add("child.dateOfBirth", "Required.");
        else if (dob > today) v.Add("child.dateOfBirth", "Lies in the future.");
        if (string.IsNullOrWhiteSpace(child.HomeMunicipality) || !MunicipalityCode().IsMatch(child.HomeMunicipality))
            v.Add("child.homeMunicipality", "A CBS municipality code such as GM0935.");
        return v.IsValid ? new ChildDetails(identifier, given!, family!, child.DateOfBirth!.Value, child.HomeMunicipality!) : null;
    }

    /// <summary>The child lives in one of the region's municipalities (the directory's): 422 naming the field otherwise.</summary>
    public static Task RequireInRegionAsync(this IRegionDirectory directory, ChildDetails child, CancellationToken ct) =>
        directory.RequireMunicipalityAsync("child.homeMunicipality", child.HomeMunicipality, ct);

    [GeneratedRegex("^GM[0-9]{4}$")]
    private static partial Regex MunicipalityCode();
}
