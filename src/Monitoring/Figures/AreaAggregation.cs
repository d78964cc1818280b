using Platform.Monitoring.Domain;

namespace Platform.Monitoring.Figures;

/// <summary>
/// Turns counted items into published figures for the region, every sub-region, municipality and
/// SWV: counts with small cells and their complements hidden, sums, medians and shares hidden when
/// they rest on fewer than 5 children; every shown count of children, and the counts of children a
/// share is made of, perturbed by the cell-key method (<see cref="CellKeyPerturbation"/>).
/// </summary>
internal sealed class AreaAggregation(RegionMap map, CellKeyPerturbation perturbation)
{
    private const string Total = "*";

    private IEnumerable<Area> Areas()
    {
        yield return Area.Region;
        foreach (var (id, _) in map.SubRegions) yield return new Area(Area.SubRegionLevel, id);
        yield return new Area(Area.SubRegionLevel, RegionMap.Unknown);
        foreach (var (code, _, _) in map.Municipalities) yield return new Area(Area.MunicipalityLevel, code);
        foreach (var (id, _) in map.Swvs) yield return new Area(Area.SwvLevel, id);
        yield return new Area(Area.SwvLevel, RegionMap.NoSwv);
    }

    /// <summary>The areas an item counts in: the region, its sub-region, its municipality (when the region's), its SWV.</summary>
    private IEnumerable<Area> AreasOf(FigureCalculator.Item item)
    {
        yield return Area.Region;
        yield return new Area(Area.SubRegionLevel, map.SubRegionOf(item.Municipality));
        if (map.IsMunicipality(item.Municipality)) yield return new Area(Area.MunicipalityLevel, item.Municipality!);
        yield return new Area(Area.SwvLevel, item.Swv is { } swv && map.Swvs.Any(w => w.Id == swv) ? swv : RegionMap.NoSwv);
    }

    /// <summary>Totals and their parts: region = sub-regions = SWVs, a sub-region = its municipalities, a total = its breakdown.</summary>
    private List<SmallCellSuppression.Group<(Area, string)>> Groups(IReadOnlyList<string> dimensions)
    {
        var groups = new List<SmallCellSuppression.Group<(Area, string)>>();
        var subRegions = map.SubRegions.Select(s => new Area(Area.SubRegionLevel, s.Id)).Append(new Area(Area.SubRegionLevel, RegionMap.Unknown)).ToList();
        var swvs = map.Swvs.Select(s => new Area(Area.SwvLevel, s.Id)).Append(new Area(Area.SwvLevel, RegionMap.NoSwv)).ToList();
        foreach (var d in dimensions.Prepend(Total))
        {
            groups.Add(new((Area.Region, d), [.. subRegions.Select(s => (s, d))]));
            groups.Add(new((Area.Region, d), [.. swvs.Select(s => (s, d))]));
            foreach (var (id, _) in map.SubRegions)
                groups.Add(new((new Area(Area.SubRegionLevel, id), d),
                    [.. map.Municipalities.Where(m => m.SubRegion == id).Select(m => (new Area(Area.MunicipalityLevel, m.Code), d))]));
        }
        if (dimensions.Count > 0)
            foreach (var area in Areas())
                groups.Add(new((area, Total), [.. dimensions.Select(d => (area, d))]));
        return groups;
    }

    public IndicatorFigures Count(IndicatorDefinition definition, IEnumerable<FigureCalculator.Item> items) =>
        Tally(definition, items, suppress: definition.AboutChildren);

    public IndicatorFigures Sum(IndicatorDefinition definition, IEnumerable<FigureCalculator.Item> items) =>
        Tally(definition, items, suppress: false);

    private IndicatorFigures Tally(IndicatorDefinition definition, IEnumerable<FigureCalculator.Item> items, bool suppress)
    {
        var list = items.ToList();
        var dimensions = definition.Dimension is null ? [] : list.Select(i => i.Dimension ?? "unspecified").Distinct().Order(StringComparer.Ordinal).ToList();
        var sums = new Dictionary<(Area, string), double>();
        var keys = new Dictionary<(Area, string), uint>();
        foreach (var area in Areas())
            foreach (var d in dimensions.Prepend(Total)) (sums[(area, d)], keys[(area, d)]) = (0, 0);
        foreach (var item in list)
        {
            var recordKey = suppress ? perturbation.RecordKey(item.Key) : 0;
            foreach (var area in AreasOf(item))
                foreach (var d in definition.Dimension is null ? new[] { Total } : new[] { Total, item.Dimension ?? "unspecified" })
                {
                    sums[(area, d)] += item.Value;
                    keys[(area, d)] = unchecked(keys[(area, d)] + recordKey);
                }
        }
        var hidden = suppress
            ? SmallCellSuppression.Hide(sums.ToDictionary(s => s.Key, s => (int)s.Value), Groups(dimensions))
            : [];
        // Counts of children: the true count stays inside (Value), the published one has the cell's noise.
        AreaFigures For(string d) => Figures(area => hidden.Contains((area, d)) ? Cell.Hidden(sums[(area, d)])
            : suppress ? Cell.Perturbed(sums[(area, d)], CellKeyPerturbation.Perturb(sums[(area, d)], keys[(area, d)]))
            : Cell.Exact(sums[(area, d)]));
        return new IndicatorFigures(definition, For(Total), dimensions.ToDictionary(d => d, For));
    }

    /// <summary>
    /// The median per area, hidden over fewer than 5 children. With <paramref name="roundTo"/> the median is published rounded to
    /// a multiple of it (whole weeks: 7), so one case more or less rarely moves the published figure.
    /// </summary>
    public IndicatorFigures Median(IndicatorDefinition definition, IEnumerable<FigureCalculator.Item> items, int roundTo = 0)
    {
        var values = Areas().ToDictionary(a => a, _ => new List<double>());
        foreach (var item in items)
            foreach (var area in AreasOf(item)) values[area].Add(item.Value);
        return new IndicatorFigures(definition, Figures(area =>
        {
            var v = values[area];
            if (v.Count == 0 || (definition.AboutChildren && v.Count < SmallCellSuppression.Threshold)) return Cell.Hidden(null);
            var median = MedianOf(v);
            return Cell.Exact(roundTo > 0 ? Math.Round(median / roundTo, MidpointRounding.AwayFromZero) * roundTo : median, 1);
        }), new Dictionary<string, AreaFigures>());
    }

    /// <summary>
    /// numerator ÷ denominator × 100. Hidden when fewer than 5 children are counted in the numerator,
    /// when the denominator is empty, and, for a share whose complement is children too, when that
    /// complement is 1 to 4; and wherever a guard (the published counts it could be multiplied back
    /// into) hides the cell. A share about children is made of the perturbed numerator (and the
    /// perturbed denominator when that counts children too: the same cells, the same noise as the
    /// published counts), so it cannot be multiplied back into an exact count.
    /// </summary>
    public IndicatorFigures Percentage(IndicatorDefinition definition, IEnumerable<FigureCalculator.Item> numerator,
        IEnumerable<FigureCalculator.Item> denominator, bool complementIsChildren, IReadOnlyList<AreaFigures>? guards = null)
    {
        var num = Areas().ToDictionary(a => a, _ => 0.0);
        var den = Areas().ToDictionary(a => a, _ => 0.0);
        var numKey = Areas().ToDictionary(a => a, _ => 0u);
        var denKey = Areas().ToDictionary(a => a, _ => 0u);
        foreach (var item in numerator)
        {
            var recordKey = perturbation.RecordKey(item.Key);
            foreach (var area in AreasOf(item)) (num[area], numKey[area]) = (num[area] + item.Value, unchecked(numKey[area] + recordKey));
        }
        foreach (var item in denominator)
        {
            var recordKey = complementIsChildren ? perturbation.RecordKey(item.Key) : 0;
            foreach (var area in AreasOf(item)) (den[area], denKey[area]) = (den[area] + item.Value, unchecked(denKey[area] + recordKey));
        }
        var guarded = (guards ?? []).SelectMany(g => g.Cells()).Where(c => !c.Cell.IsShown).Select(c => c.Area).ToHashSet();
        return new IndicatorFigures(definition, Figures(area =>
        {
            var (n, d) = (num[area], den[area]);
            if (d <= 0) return Cell.Hidden(null);
            var share = n / d * 100;
            var small = definition.AboutChildren && (n < SmallCellSuppression.Threshold
                || (complementIsChildren && d - n is > 0 and < SmallCellSuppression.Threshold));
            if (small || guarded.Contains(area)) return Cell.Hidden(share);
            if (!definition.AboutChildren) return Cell.Exact(share, 2);
            var publishedDenominator = complementIsChildren ? CellKeyPerturbation.Perturb(d, denKey[area]) : d;
            // A share of places (occupancy) is at most 100: the noise never makes more children than places.
            var publishedNumerator = Math.Min(CellKeyPerturbation.Perturb(n, numKey[area]), publishedDenominator);
            return Cell.Perturbed(share, publishedNumerator / publishedDenominator * 100, 2);
        }), new Dictionary<string, AreaFigures>());
    }

    private AreaFigures Figures(Func<Area, Cell> cell) => new(
        cell(Area.Region),
        map.SubRegions.Select(s => s.Id).Append(RegionMap.Unknown).ToDictionary(id => id, id => cell(new Area(Area.SubRegionLevel, id))),
        map.Municipalities.ToDictionary(m => m.Code, m => cell(new Area(Area.MunicipalityLevel, m.Code))),
        map.Swvs.Select(s => s.Id).Append(RegionMap.NoSwv).ToDictionary(id => id, id => cell(new Area(Area.SwvLevel, id))));

    private static double MedianOf(List<double> values)
    {
        var sorted = values.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
