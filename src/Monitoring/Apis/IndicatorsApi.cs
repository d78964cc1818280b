using System.Text;
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
        app.MapGet($"{MonitoringApi.Prefix}/indicators", GetAsync)
            .WithTags("Indicators").WithName("GetIndicators").RequireAuthorization()
            .WithSummary("Every indicator for a month (2026-11) or school year (2026-2027), default the current month; ?baseline=name compares with a 0-meting.");
        app.MapGet($"{MonitoringApi.Prefix}/indicators.csv", CsvAsync)
            .WithTags("Indicators").WithName("GetIndicatorsCsv").RequireAuthorization()
            .WithSummary("The same as CSV, a line per indicator and area; ?separator=semicolon for Dutch spreadsheets (decimal comma).");
        return app;
    }

    /// <summary>The period and baseline asked for, or the problem to answer with.</summary>
    internal static async Task<(Period? Period, Baseline? Baseline, IResult? Problem)> ReadQueryAsync(
        string? period, string? baseline, MonitoringDbContext db, TimeProvider clock, CancellationToken ct)
    {
        Period? chosen;
        if (period is null) chosen = Period.MonthOf(DutchTime.Today(clock));
        else if (!Period.TryParse(period, out var parsed))
            return (null, null, TypedResults.ValidationProblem(new Dictionary<string, string[]>
                { ["period"] = [Period.Expected] }));
        else chosen = parsed;
        if (baseline is null) return (chosen, null, null);
        var found = await db.Baselines.AsNoTracking().FirstOrDefaultAsync(b => b.Name == baseline, ct);
        return found is null
            ? (null, null, TypedResults.Problem(title: "No such baseline.", detail: $"No baseline named '{baseline}'; GET {MonitoringApi.Prefix}/baselines lists them.",
                statusCode: StatusCodes.Status404NotFound, extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["baseline"] = ["Unknown baseline."] } }))
            : (chosen, found, null);
    }

    internal static async Task<IResult> GetAsync(string? period, string? baseline, MonitoringDbContext db, FiguresSource source, TimeProvider clock, CancellationToken ct)
    {
        var (chosen, compareWith, problem) = await ReadQueryAsync(period, baseline, db, clock, ct);
        if (problem is not null) return problem;
        var (map, figures) = await source.ComputeAsync(chosen!, ct);
        return TypedResults.Ok(IndicatorsResponses.From(map, figures, compareWith, clock.GetUtcNow()));
    }

    private static async Task<IResult> CsvAsync(string? period, string? baseline, string? separator, MonitoringDbContext db, FiguresSource source,
        TimeProvider clock, CancellationToken ct)
    {
        if (separator is not (null or "comma" or "semicolon"))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["separator"] = ["comma or semicolon."] });
        var (chosen, compareWith, problem) = await ReadQueryAsync(period, baseline, db, clock, ct);
        if (problem is not null) return problem;
        var (map, figures) = await source.ComputeAsync(chosen!, ct);
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
