using Platform.Monitoring.Baselines;
using Platform.Monitoring.Domain;
using Platform.Monitoring.Figures;

namespace Platform.Monitoring.Apis;

/// <summary>
/// Indicators for one period that has ended. Every figure is a string: "&lt;5" where hidden; a count of
/// children (and the counts a share of children is made of) within 2 of the true figure, the same for
/// the same children every time (the cell-key method, ADR-0014); arrangements, places and medians exact.
/// True counts of children never leave the service.
/// </summary>
public sealed record IndicatorsResponse(
    string Period, string PeriodKind, DateOnly From, DateOnly To, DateOnly ReferenceDate, string Region, AreasResponse Areas,
    BaselineResponse? Baseline, IReadOnlyList<IndicatorResponse> Indicators, DateTimeOffset GeneratedAt);

public sealed record AreasResponse(IReadOnlyList<NamedArea> SubRegions, IReadOnlyList<NamedArea> Municipalities, IReadOnlyList<NamedArea> Swvs);

/// <param name="Id">The key used in the figures' dictionaries.</param>
/// <param name="Name">Its name.</param>
/// <param name="SubRegion">For a municipality, its sub-region.</param>
public sealed record NamedArea(string Id, string Name, string? SubRegion = null);

/// <param name="Indicator">Stable id; a part of a breakdown is <c>indicator:part</c>, e.g. <c>exemptions-granted:5a</c>.</param>
/// <param name="Group">thuiszitters, intake, funding, handover, special-education, passend-onderwijs.</param>
/// <param name="Kind">flow, stock, sum, median or percentage.</param>
/// <param name="Unit">children, days, percent, arrangements, places, ...</param>
/// <param name="Title">The Dutch name the page shows.</param>
/// <param name="Description">What is counted.</param>
/// <param name="Region">The figure for the whole region.</param>
/// <param name="BySubRegion">Per sub-region id; <c>unknown</c> for what has no municipality of the region.</param>
/// <param name="ByMunicipality">Per CBS code.</param>
/// <param name="BySwv">Per SWV id; <c>none</c> for what belongs to no SWV.</param>
/// <param name="Baseline">What the baseline published, when one was asked for.</param>
/// <param name="Change">The published figure minus the baseline's published figure, where both were shown (so it carries both figures' noise).</param>
public sealed record IndicatorResponse(
    string Indicator, string Group, string Kind, string Unit, string Title, string Description,
    string Region, IReadOnlyDictionary<string, string> BySubRegion, IReadOnlyDictionary<string, string> ByMunicipality, IReadOnlyDictionary<string, string> BySwv,
    ComparedFigures? Baseline, ComparedFigures? Change);

public sealed record ComparedFigures(
    string Region, IReadOnlyDictionary<string, string> BySubRegion, IReadOnlyDictionary<string, string> ByMunicipality, IReadOnlyDictionary<string, string> BySwv);

public sealed record BaselineResponse(string Name, string Period, DateOnly ReferenceDate, DateTimeOffset TakenAt, string TakenBy)
{
    public static BaselineResponse From(Baseline b) => new(b.Name, b.Period, b.ReferenceDate, b.TakenAt, b.TakenBy);
}

internal static class IndicatorsResponses
{
    public static IndicatorsResponse From(RegionMap map, PeriodFigures figures, Baseline? baseline, DateTimeOffset now)
    {
        var stored = baseline is null ? null : BaselineFigures.Thaw(baseline.Figures);
        var rows = BaselineFigures.Rows(figures).Select(r =>
        {
            var (d, part) = (r.Definition, r.Part);
            var kind = d.Kind.ToString().ToLowerInvariant();
            var then = stored?.GetValueOrDefault(r.Id);
            ComparedFigures? Compare(Func<Cell, StoredCell?, string> show) => stored is null ? null : new ComparedFigures(
                show(r.Figures.Region, then?.GetValueOrDefault(Area.Region.ToString())),
                r.Figures.BySubRegion.ToDictionary(c => c.Key, c => show(c.Value, then?.GetValueOrDefault($"{Area.SubRegionLevel}:{c.Key}"))),
                r.Figures.ByMunicipality.ToDictionary(c => c.Key, c => show(c.Value, then?.GetValueOrDefault($"{Area.MunicipalityLevel}:{c.Key}"))),
                r.Figures.BySwv.ToDictionary(c => c.Key, c => show(c.Value, then?.GetValueOrDefault($"{Area.SwvLevel}:{c.Key}"))));
            return new IndicatorResponse(r.Id, d.Group, kind, d.Unit,
                part is null ? d.Title : $"{d.Title}: {IndicatorCatalog.PartTitle(part, d.Id)}", part is null ? d.Description : $"{d.Description} Part: {part}.",
                r.Figures.Region.Shown, Shown(r.Figures.BySubRegion), Shown(r.Figures.ByMunicipality), Shown(r.Figures.BySwv),
                Compare((_, cell) => BaselineFigures.Shown(cell, d.Kind)), Compare((now, cell) => BaselineFigures.Change(now, cell, d.Kind)));
        }).ToList();
        return new IndicatorsResponse(figures.Period.Id, figures.Period.Kind == PeriodKind.Month ? "month" : "school-year",
            figures.Period.From, figures.Period.To, figures.ReferenceDate, map.RegionName, Areas(map),
            baseline is null ? null : BaselineResponse.From(baseline), rows, now);
    }

    public static AreasResponse Areas(RegionMap map) => new(
        [.. map.SubRegions.Select(s => new NamedArea(s.Id, s.Name)), new NamedArea(RegionMap.Unknown, "niet toe te wijzen")],
        [.. map.Municipalities.Select(m => new NamedArea(m.Code, m.Name, m.SubRegion))],
        [.. map.Swvs.Select(s => new NamedArea(s.Id, s.Name)), new NamedArea(RegionMap.NoSwv, "geen samenwerkingsverband")]);

    private static Dictionary<string, string> Shown(IReadOnlyDictionary<string, Cell> cells) => cells.ToDictionary(c => c.Key, c => c.Value.Shown);
}
