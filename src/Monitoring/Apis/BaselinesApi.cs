using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Platform.Http.Paging;
using Platform.Monitoring.Baselines;
using Platform.Monitoring.Domain;
using Platform.Monitoring.Figures;
using Platform.Monitoring.Infrastructure;
using Platform.ServiceDefaults;

namespace Platform.Monitoring.Apis;

/// <summary>Nulmetingen: the region's starting point, frozen under a name, to compare every later period with.</summary>
public static class BaselinesApi
{
    public static IEndpointRouteBuilder MapBaselinesApi(this IEndpointRouteBuilder app)
    {
        var baselines = app.MapGroup($"{MonitoringApi.Prefix}/baselines").WithTags("Baselines").RequireAuthorization();
        baselines.MapGet("/", ListAsync)
            .WithName("ListBaselines")
            .WithSummary("Any organisation lists the baselines taken, oldest first.");
        baselines.MapPost("/", TakeAsync).Accepts<TakeBaselineRequest>("application/json")
            .WithName("TakeBaseline")
            .WithSummary("The region's office (role monitoring-admin) takes a baseline (0-meting): the published figures of a period that has ended, frozen under a name.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return app;
    }

    /// <summary>Oldest first, by when taken and then name (its key); the cursor is the last baseline's (takenAt, name).</summary>
    private static async Task<Results<Ok<Page<BaselineResponse>>, ValidationProblem>> ListAsync(
        [Description("Baselines per page, 1 to 200 (default 50).")] int? limit,
        [Description("Where the page starts: take it from the previous page's 'next' link; leave it out for the first page.")] string? cursor,
        HttpRequest request, MonitoringDbContext db, CancellationToken ct)
    {
        var v = new Validation();
        var page = PageRequest.Read(limit, cursor, v);
        DateTimeOffset afterTakenAt = default;
        if (page.After is { } after && !(after.Count == 2 && after.TryTime(0, out afterTakenAt)))
            v.Add("cursor", PageRequest.ForeignCursor);
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors());

        var query = db.Baselines.AsNoTracking();
        if (page.After is [_, var afterName])
            query = query.Where(b => b.TakenAt > afterTakenAt || (b.TakenAt == afterTakenAt && string.Compare(b.Name, afterName) > 0));
        // Only the columns the list shows: a baseline's frozen figures are large.
        var rows = await query.OrderBy(b => b.TakenAt).ThenBy(b => b.Name)
            .Select(b => new BaselineResponse(b.Name, b.Period, b.ReferenceDate, b.TakenAt, b.TakenBy)).Take(page.Limit + 1).ToListAsync(ct);
        return TypedResults.Ok(page.PageOf(rows, b => b, b => [Cursor.Key(b.TakenAt), b.Name], request));
    }

    private static async Task<Results<Created<BaselineResponse>, ValidationProblem, ProblemHttpResult>> TakeAsync(
        HttpRequest request, MonitoringDbContext db, FiguresSource source, TimeProvider clock)
    {
        var user = request.HttpContext.User;
        if (!user.IsMonitoringAdmin())
            return TypedResults.Problem(title: "Only the region's office takes a baseline.", detail: $"It needs the role '{MonitoringApi.AdminRole}'.",
                statusCode: StatusCodes.Status403Forbidden);
        var (body, malformed) = await JsonBody.ReadAsync<TakeBaselineRequest>(request);
        if (malformed is not null) return malformed;
        var v = new Validation();
        var name = v.Required("name", body!.Name, 100);
        if (!Period.TryParse(body.Period, out var period)) v.Add("period", Period.Expected);
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors(), title: "The baseline has errors.");
        // A baseline of a running period would be a snapshot of figures not yet published, and now minus it a poll.
        if (IndicatorsApi.NotPublishedYet(period, clock) is { } running) return running;
        if (await db.Baselines.AnyAsync(b => b.Name == name))
            return Conflict(name!);

        var (_, figures) = await source.ComputeAsync(period, request.HttpContext.RequestAborted);
        var baseline = new Baseline(name!, period.Id, figures.ReferenceDate, BaselineFigures.Freeze(figures), user.RequiredOrganisationId(), clock.GetUtcNow());
        db.Baselines.Add(baseline);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return Conflict(name!);
        }
        return TypedResults.Created($"{MonitoringApi.Prefix}/indicators?period={period.Id}&baseline={Uri.EscapeDataString(name!)}", BaselineResponse.From(baseline));
    }

    private static ProblemHttpResult Conflict(string name) => TypedResults.Problem(title: "A baseline with this name exists.",
        detail: $"'{name}' is taken: a baseline never changes once taken. Choose another name.", statusCode: StatusCodes.Status409Conflict,
        extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["name"] = ["Taken."] } });
}
