using System.ComponentModel;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Monitoring.Apis;
using Platform.Monitoring.Domain;
using Platform.Monitoring.Figures;
using Platform.Monitoring.Infrastructure;
using Platform.ServiceDefaults;

namespace Platform.Monitoring.Dashboard;

/// <summary><c>GET /api/monitoring/dashboard</c>: the monitor as a page, for every organisation.</summary>
public static class DashboardPage
{
    private const int TrendMonths = 12;

    public static IEndpointRouteBuilder MapDashboardPage(this IEndpointRouteBuilder app)
    {
        app.MapGet($"{MonitoringApi.Prefix}/dashboard", RenderAsync).WithTags("Dashboards").RequireAuthorization()
            .WithName("GetDashboard")
            .WithSummary("Any organisation reads the regional monitor as an HTML page (Dutch): key figures, charts per area and over time, every indicator, the baseline.")
            .Produces<string>(StatusCodes.Status200OK, "text/html")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return app;
    }

    private static async Task<Results<ContentHttpResult, ValidationProblem, ProblemHttpResult>> RenderAsync(
        [Description(IndicatorsApi.PeriodDescription)] string? period,
        [Description(IndicatorsApi.BaselineDescription + " Empty: none.")] string? baseline,
        MonitoringDbContext db, FiguresSource source, TimeProvider clock, HttpContext http, ILoggerFactory loggers, CancellationToken ct)
    {
        if (IndicatorsApi.ReadPeriod(period, clock, out var chosen) is { } invalid) return invalid;
        if (IndicatorsApi.NotPublishedYet(chosen, clock) is { } running) return running;
        // An empty choice in the page's form means "no baseline".
        var (compareWith, missing) = await IndicatorsApi.FindBaselineAsync(string.IsNullOrEmpty(baseline) ? null : baseline, db, ct);
        if (missing is not null) return missing;
        var months = chosen.MonthsUpTo(TrendMonths);
        var (map, figures) = await source.ComputeAsync([chosen, .. months], ct);
        var now = clock.GetUtcNow();
        var current = IndicatorsResponses.From(map, figures[0], compareWith, now);
        var trend = figures.Skip(1).Select(f => IndicatorsResponses.From(map, f, null, now)).ToList();
        var baselines = (await db.Baselines.AsNoTracking().OrderBy(b => b.TakenAt).ToListAsync(ct)).Select(BaselineResponse.From).ToList();
        var today = DutchTime.Today(clock);
        // Only periods that have ended: a running one is not published (docs/monitoring.md, Publication).
        var choices = Period.LastClosedMonth(today).MonthsUpTo(13).Reverse()
            .Concat(Enumerable.Range(0, 4).Select(i => Period.SchoolYearOf(today.AddYears(-i))).Where(p => p.IsClosedOn(today)).Take(3))
            .Append(chosen).DistinctBy(p => p.Id).ToList();
        var page = new MonitorPage(current, trend, baselines, choices, chosen);
        return TypedResults.Content(await RenderHtmlAsync(page, http.RequestServices, loggers), "text/html; charset=utf-8");
    }

    /// <summary>
    /// The page's Razor components rendered to a string, as Blazor's static rendering does (Razor encodes
    /// every value). Rendered here rather than as a RazorComponentResult so that Monitoring, which serves
    /// no other component, needs no Razor components services or middleware.
    /// </summary>
    private static async Task<string> RenderHtmlAsync(MonitorPage page, IServiceProvider services, ILoggerFactory loggers)
    {
        await using var renderer = new HtmlRenderer(services, loggers);
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var parameters = ParameterView.FromDictionary(new Dictionary<string, object?> { [nameof(MonitorDocument.Page)] = page });
            return (await renderer.RenderComponentAsync<MonitorDocument>(parameters)).ToHtmlString();
        });
    }
}
