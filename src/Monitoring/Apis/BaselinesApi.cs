using Microsoft.EntityFrameworkCore;
using Npgsql;
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
        baselines.MapGet("/", async (MonitoringDbContext db, CancellationToken ct) =>
            TypedResults.Ok((await db.Baselines.AsNoTracking().OrderBy(b => b.TakenAt).ToListAsync(ct)).Select(BaselineResponse.From)))
            .WithSummary("The baselines taken, oldest first.");
        baselines.MapPost("/", TakeAsync).Accepts<TakeBaselineRequest>("application/json")
            .WithSummary("Take a baseline (0-meting): freeze a period's figures under a name (the region's office, role monitoring-admin).");
        return app;
    }

    private static async Task<IResult> TakeAsync(HttpRequest request, MonitoringDbContext db, FiguresSource source, TimeProvider clock)
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

    private static IResult Conflict(string name) => TypedResults.Problem(title: "A baseline with this name exists.",
        detail: $"'{name}' is taken: a baseline never changes once taken. Choose another name.", statusCode: StatusCodes.Status409Conflict,
        extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["name"] = ["Taken."] } });
}
