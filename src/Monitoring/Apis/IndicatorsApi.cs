using System.ComponentModel;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Monitoring.Baselines;
using Platform.Monitoring.Domain;
using Platform.Monitoring.Figures;
using Platform.Monitoring.Infrastructure;
using Platform.ServiceDefaults;

namespace Platform.Monitoring.Apis;

/// <summary>The indicators as JSON and as CSV: aggregates only, small counts hidden; every organisation may read them.</summary>
public static class IndicatorsApi
{
    public static IEndpointRouteBuilder MapIndicatorsApi(this IEndpointRouteBuilder app)
    {
        var indicators = app.MapGroup(MonitoringApi.Prefix).WithTags("Indicators").RequireAuthorization();
        indicators.MapGet("/indicators", GetAsync)
            .WithName("GetIndicators")
            .WithSummary("Any organisation reads every indicator of the region for a month or school year that has ended, optionally compared with a baseline (0-meting).")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        indicators.MapGet("/indicators.csv", CsvAsync)
            .WithName("GetIndicatorsCsv")
            .WithSummary("Any organisation downloads the same indicators as CSV, a line per indicator and area.")
            .Produces<string>(StatusCodes.Status200OK, "text/csv")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return app;
    }

    public const string PeriodDescription = "A month (2026-11) or a school year (2026-2027, 1 August to 31 July) that has ended: a running period is 422. Default: last month.";
    public const string BaselineDescription = "The name of a baseline (0-meting) to compare with; GET /api/monitoring/baselines lists them.";

    /// <summary>The period asked for (default: the last month that has ended), or the 400 naming <c>period</c>.</summary>
    internal static ValidationProblem? ReadPeriod(string? period, TimeProvider clock, out Period chosen)
    {
        if (period is null)
        {
            chosen = Period.LastClosedMonth(DutchTime.Today(clock));
            return null;
        }
        if (Period.TryParse(period, out var parsed))
        {
            chosen = parsed;
            return null;
        }
        chosen = null!;
        return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["period"] = [Period.Expected] });
    }

    /// <summary>
    /// The 422 naming <c>period</c> for a period that has not ended: its figures are not published yet
    /// (docs/monitoring.md, "Publication": polling a running period would show one child at a time coming in).
    /// </summary>
    internal static ProblemHttpResult? NotPublishedYet(Period period, TimeProvider clock)
    {
        if (period.IsClosedOn(DutchTime.Today(clock))) return null;
        var detail = $"Figures of {period.Id} are published from {period.To.AddDays(1):yyyy-MM-dd}, once the period has ended: " +
            "a running period's figures would show one child at a time coming in (kleine-aantallenregel; docs/monitoring.md, Publication; ADR-0014).";
        return TypedResults.Problem(title: "This period has not ended yet.", detail: detail, statusCode: StatusCodes.Status422UnprocessableEntity,
            extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["period"] = [detail] } });
    }

    /// <summary>The baseline named (null when none was asked for), or the 404 naming <c>baseline</c>.</summary>
    internal static async Task<(Baseline? Found, ProblemHttpResult? Missing)> FindBaselineAsync(string? name, MonitoringDbContext db, CancellationToken ct)
    {
        if (name is null) return (null, null);
        var found = await db.Baselines.AsNoTracking().FirstOrDefaultAsync(b => b.Name == name, ct);
        return found is not null ? (found, null) : (null, TypedResults.Problem(title: "No such baseline.",
            detail: $"No baseline named '{name}'; GET {MonitoringApi.Prefix}/baselines lists them.", statusCode: StatusCodes.Status404NotFound,
            extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["baseline"] = ["Unknown baseline."] } }));
    }

    internal static async Task<Results<Ok<IndicatorsResponse>, ValidationProblem, ProblemHttpResult>> GetAsync(
        [Description(PeriodDescription)] string? period, [Description(BaselineDescription)] string? baseline,
        MonitoringDbContext db, FiguresSource source, TimeProvider clock, CancellationToken ct)
    {
        if (ReadPeriod(period, clock, out var chosen) is { } invalid) return invalid;
        if (NotPublishedYet(chosen, clock) is { } running) return running;
        var (compareWith, missing) = await FindBaselineAsync(baseline, db, ct);
        if (missing is not null) return missing;
        var (map, figures) = await source.ComputeAsync(chosen, ct);
        return TypedResults.Ok(IndicatorsResponses.From(map, figures, compareWith, clock.GetUtcNow()));
    }

    private static async Task<Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult>> CsvAsync(
        [Description(PeriodDescription)] string? period, [Description(BaselineDescription)] string? baseline,
        [Description("comma (default), or semicolon for Dutch spreadsheets, which then also get decimal commas.")] string? separator,
        MonitoringDbContext db, FiguresSource source, TimeProvider clock, CancellationToken ct)
    {
        if (separator is not (null or "comma" or "semicolon"))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["separator"] = ["comma or semicolon."] });
        if (ReadPeriod(period, clock, out var chosen) is { } invalid) return invalid;
        if (NotPublishedYet(chosen, clock) is { } running) return running;
        var (compareWith, missing) = await FindBaselineAsync(baseline, db, ct);
        if (missing is not null) return missing;
        var (map, figures) = await source.ComputeAsync(chosen, ct);
        var response = IndicatorsResponses.From(map, figures, compareWith, clock.GetUtcNow());
        var csv = IndicatorsCsv.Write(response, separator == "semicolon");
        return TypedResults.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv)).ToArray(), "text/csv; charset=utf-8",
            $"monitor-{response.Period}.csv");
    }
}

/// <summary>The indicators as CSV (RFC 4180): one line per indicator and area, the published strings only.</summary>
internal static class IndicatorsCsv
{
    public static string Write(IndicatorsResponse response, bool dutch)
    {
        var separator = dutch ? ';' : ',';
        var names = response.Areas.SubRegions.Select(a => ("sub-region", a))
            .Concat(response.Areas.Municipalities.Select(a => ("municipality", a)))
            .Concat(response.Areas.Swvs.Select(a => ("swv", a)))
            .ToDictionary(x => (x.Item1, x.a.Id), x => x.a.Name);
        var csv = new StringBuilder();
        var header = new List<string> { "period", "indicator", "title", "level", "area", "area_name", "value" };
        if (response.Baseline is not null) header.AddRange(["baseline", "change"]);
        Line(csv, separator, header);
        foreach (var i in response.Indicators)
        {
            void Row(string level, string area, string name, string value, string? then, string? change)
            {
                var cells = new List<string> { response.Period, i.Indicator, i.Title, level, area, name, Number(value, dutch) };
                if (response.Baseline is not null) cells.AddRange([Number(then ?? "", dutch), Number(change ?? "", dutch)]);
                Line(csv, separator, cells);
            }
            Row("region", "region", response.Region, i.Region, i.Baseline?.Region, i.Change?.Region);
            foreach (var (id, v) in i.BySubRegion) Row("sub-region", id, names.GetValueOrDefault(("sub-region", id), id), v, i.Baseline?.BySubRegion[id], i.Change?.BySubRegion[id]);
            foreach (var (id, v) in i.ByMunicipality) Row("municipality", id, names.GetValueOrDefault(("municipality", id), id), v, i.Baseline?.ByMunicipality[id], i.Change?.ByMunicipality[id]);
            foreach (var (id, v) in i.BySwv) Row("swv", id, names.GetValueOrDefault(("swv", id), id), v, i.Baseline?.BySwv[id], i.Change?.BySwv[id]);
        }
        return csv.ToString();
    }

    /// <summary>Dutch spreadsheets read "17,66"; the rest of the world "17.66".</summary>
    private static string Number(string value, bool dutch) => dutch && value.Length > 0 && char.IsAsciiDigit(value[^1]) ? value.Replace('.', ',') : value;

    private static void Line(StringBuilder csv, char separator, IEnumerable<string> cells)
    {
        csv.AppendJoin(separator, cells.Select(c => c.IndexOfAny([separator, '"', '\n', '\r']) >= 0 ? $"\"{c.Replace("\"", "\"\"")}\"" : c));
        csv.Append("\r\n");
    }
}
