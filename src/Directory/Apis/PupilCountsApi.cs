using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.Directory.Domain;
using Platform.Directory.Import;
using Platform.Directory.Infrastructure;
using Platform.Directory.Publishing;

namespace Platform.Directory.Apis;

/// <summary>Pupils per school location per school year: reference data the monitor divides by.</summary>
public static class PupilCountsApi
{
    public static IEndpointRouteBuilder MapPupilCountsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup($"{DirectoryApi.Prefix}/pupil-counts").WithTags("Pupil counts")
            .RequireAuthorization().WithDomainProblems();
        group.MapGet("/", ListAsync).WithSummary("Pupil counts of a school year (default: the latest), per location, with the total.");
        group.MapPut("/{schoolYear}", ImportAsync).Accepts<string>("text/csv")
            .WithSummary("Replace a school year's pupil counts from CSV (directory keepers): brin,vestiging,pupils or DUO's column names.");
        return app;
    }

    private static async Task<IResult> ListAsync(string? schoolYear, string? swv, string? municipality, DirectoryDbContext db, CancellationToken ct)
    {
        if (schoolYear is not null && !SchoolYears.IsSchoolYear(schoolYear))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["schoolYear"] = ["A school year such as 2026-2027."] });
        schoolYear ??= await db.PupilCounts.AsNoTracking().MaxAsync(p => (string?)p.SchoolYear, ct);
        if (schoolYear is null) return TypedResults.Ok(new PupilCountsResponse("", 0, 0, []));
        var locations = await db.Locations.AsNoTracking()
            .Where(l => (swv == null || l.Swv == swv) && (municipality == null || l.Municipality == municipality))
            .Select(l => l.Id).ToListAsync(ct);
        var counts = await db.PupilCounts.AsNoTracking().Where(p => p.SchoolYear == schoolYear && locations.Contains(p.LocationId))
            .OrderBy(p => p.LocationId).ToListAsync(ct);
        return TypedResults.Ok(new PupilCountsResponse(schoolYear, counts.Count, counts.Sum(c => c.Pupils),
            [.. counts.Select(c => new PupilCountResponse(c.LocationId, c.SchoolYear, c.Pupils, c.Source))]));
    }

    /// <summary>
    /// All or nothing: every line must name an open school location of the directory; then the
    /// year's counts are replaced as a whole, so importing the same file twice gives the same result.
    /// </summary>
    private static async Task<IResult> ImportAsync(string schoolYear, string? source, HttpRequest request, DirectoryDbContext db, TimeProvider clock)
    {
        if (!request.HttpContext.User.IsDirectoryAdmin()) return DirectoryApi.NotAdmin();
        var v = new Validation();
        if (!SchoolYears.IsSchoolYear(schoolYear)) v.Add("schoolYear", "A school year such as 2026-2027.");
        var sourceText = v.Optional("source", source, 200) ?? $"import {clock.GetUtcNow():yyyy-MM-dd}";
        var mediaType = request.ContentType?.Split(';')[0].Trim();
        if (mediaType is not ("text/csv" or "text/plain")) v.Add("body", "Send the counts as text/csv.");
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors(), title: "The import has errors.");

        using var reader = new StreamReader(request.Body);
        var (rows, errors) = PupilCountCsv.Parse(await reader.ReadToEndAsync(request.HttpContext.RequestAborted));
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The CSV could not be read.");

        var schools = await db.Locations.AsNoTracking().ToDictionaryAsync(l => l.Id, request.HttpContext.RequestAborted);
        foreach (var row in rows)
        {
            if (!schools.TryGetValue(row.LocationId, out var location))
                errors[$"lines[{row.Line}].location"] = [$"'{row.LocationId}' is not a location in the directory."];
            else if (!LocationKinds.IsSchool(location.Kind))
                errors[$"lines[{row.Line}].location"] = [$"'{row.LocationId}' is not a school location."];
        }
        if (errors.Count > 0)
            return TypedResults.Problem(title: "The CSV names locations the directory does not know.", statusCode: StatusCodes.Status422UnprocessableEntity,
                extensions: new Dictionary<string, object?> { ["errors"] = errors });

        await db.CommitAsync(clock, async ct =>
        {
            await db.PupilCounts.Where(p => p.SchoolYear == schoolYear).ExecuteDeleteAsync(ct);
            var now = clock.GetUtcNow();
            db.PupilCounts.AddRange(rows.Select(r => new PupilCount(r.LocationId, schoolYear, r.Pupils, sourceText, now)));
            return 0;
        }, request.HttpContext.RequestAborted);
        return TypedResults.Ok(new PupilCountsResponse(schoolYear, rows.Count, rows.Sum(r => r.Pupils),
            [.. rows.OrderBy(r => r.LocationId).Select(r => new PupilCountResponse(r.LocationId, schoolYear, r.Pupils, sourceText))]));
    }
}
