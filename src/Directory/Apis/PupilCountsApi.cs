using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.Directory.Domain;
using Platform.Directory.Import;
using Platform.Directory.Infrastructure;
using Platform.Directory.Publishing;
using Platform.Http.Paging;

namespace Platform.Directory.Apis;

/// <summary>Pupils per school location per school year: reference data the monitor divides by.</summary>
public static class PupilCountsApi
{
    public static IEndpointRouteBuilder MapPupilCountsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup($"{DirectoryApi.Prefix}/pupil-counts").WithTags("Pupil counts")
            .RequireAuthorization().WithDomainProblems();
        group.MapGet("/", ListAsync)
            .WithName("ListPupilCounts")
            .WithSummary("Any organisation of the region lists a school year's pupil counts per location (default: the latest year), with the totals over all pages.");
        group.MapPut("/{schoolYear}", ImportAsync).Accepts<string>("text/csv")
            .WithName("ImportPupilCounts")
            .WithSummary("The directory keepers replace a school year's pupil counts from CSV: brin,vestiging,pupils or DUO's column names.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return app;
    }

    /// <summary>
    /// By location id within one school year. The cursor carries the year too, so a year taken by
    /// default stays the year of every page, even when a newer one is imported meanwhile.
    /// </summary>
    private static async Task<Results<Ok<PupilCountsPage>, ValidationProblem>> ListAsync(
        [Description("A school year such as 2026-2027; default the latest year with counts.")] string? schoolYear,
        [Description("Only locations of this SWV (its organisation id).")] string? swv,
        [Description("Only locations in this municipality (CBS code such as GM0935).")] string? municipality,
        [Description(DirectoryApi.LimitDescription)] int? limit,
        [Description(DirectoryApi.CursorDescription)] string? cursor,
        HttpRequest request, DirectoryDbContext db, CancellationToken ct)
    {
        var v = new Validation();
        if (schoolYear is not null && !SchoolYears.IsSchoolYear(schoolYear)) v.Add("schoolYear", "A school year such as 2026-2027.");
        var page = PageRequest.Read(limit, cursor, v);
        if (page.After is { } after && !(after is [var year, _] && SchoolYears.IsSchoolYear(year) && (schoolYear is null || schoolYear == year)))
            v.Add("cursor", PageRequest.ForeignCursor);
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors());

        schoolYear ??= page.After?[0] ?? await db.PupilCounts.AsNoTracking().MaxAsync(p => (string?)p.SchoolYear, ct);
        if (schoolYear is null) return TypedResults.Ok(new PupilCountsPage("", 0, 0, [], null));
        var locations = db.Locations.Where(l => (swv == null || l.Swv == swv) && (municipality == null || l.Municipality == municipality)).Select(l => l.Id);
        var counts = db.PupilCounts.AsNoTracking().Where(p => p.SchoolYear == schoolYear && locations.Contains(p.LocationId));
        var (total, pupils) = (await counts.CountAsync(ct), await counts.SumAsync(p => p.Pupils, ct));
        var afterLocation = page.After?[1];
        var rows = await counts.Where(p => afterLocation == null || string.Compare(p.LocationId, afterLocation) > 0)
            .OrderBy(p => p.LocationId).Take(page.Limit + 1).ToListAsync(ct);
        var shown = page.PageOf(rows, c => new PupilCountResponse(c.LocationId, c.SchoolYear, c.Pupils, c.Source), c => [c.SchoolYear, c.LocationId], request);
        return TypedResults.Ok(new PupilCountsPage(schoolYear, total, pupils, shown.Items, shown.Next));
    }

    /// <summary>
    /// All or nothing: every line must name an open school location of the directory; then the
    /// year's counts are replaced as a whole, so importing the same file twice gives the same result.
    /// </summary>
    private static async Task<Results<Ok<PupilCountsResponse>, ValidationProblem, ProblemHttpResult>> ImportAsync(
        string schoolYear,
        [Description("Where the figures come from, e.g. \"DUO 1 oktober 2026\"; default \"import\" and the date.")] string? source,
        HttpRequest request, DirectoryDbContext db, TimeProvider clock)
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
