using System.Text.Json;
using Platform.Monitoring.Domain;
using Platform.Monitoring.Figures;

namespace Platform.Monitoring.Baselines;

/// <summary>One stored cell of a baseline: the exact value and whether it was shown when the baseline was taken.</summary>
public sealed record StoredCell(double? V, bool S);

/// <summary>How a period's figures are frozen into a baseline and compared with later ones.</summary>
public static class BaselineFigures
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Row id (indicator, or indicator:part) → area key (e.g. municipality:GM0935) → cell.</summary>
    public static string Freeze(PeriodFigures figures) => JsonSerializer.Serialize(
        Rows(figures).ToDictionary(r => r.Id, r => r.Figures.Cells().ToDictionary(c => c.Area.ToString(), c => new StoredCell(c.Cell.Value, c.Cell.IsShown))),
        Json);

    public static Dictionary<string, Dictionary<string, StoredCell>> Thaw(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, StoredCell>>>(json, Json) ?? [];

    /// <summary>Every published row: each indicator's total and each part of its breakdown.</summary>
    public static IEnumerable<(string Id, IndicatorDefinition Definition, string? Part, AreaFigures Figures)> Rows(PeriodFigures figures)
    {
        foreach (var indicator in figures.Indicators)
        {
            yield return (indicator.Definition.Id, indicator.Definition, null, indicator.Total);
            foreach (var (part, partFigures) in indicator.ByDimension)
                yield return ($"{indicator.Definition.Id}:{part}", indicator.Definition, part, partFigures);
        }
    }

    public static int DecimalsOf(IndicatorKind kind) => kind switch { IndicatorKind.Percentage => 2, IndicatorKind.Median => 1, _ => 0 };

    /// <summary>What the baseline showed for a cell ("–" when the baseline had no such cell).</summary>
    public static string Shown(StoredCell? cell, IndicatorKind kind) => cell switch
    {
        null => "–",
        { S: true, V: { } v } => Cell.Format(v, DecimalsOf(kind)),
        _ => SmallCellSuppression.Suppressed,
    };

    /// <summary>Now minus then, only where both were shown: a change computed from a hidden figure is hidden too.</summary>
    public static string Change(Cell now, StoredCell? then, IndicatorKind kind)
    {
        if (then is null) return "–";
        if (!now.IsShown || then is not { S: true, V: { } before }) return SmallCellSuppression.Suppressed;
        var change = Math.Round(now.Value!.Value - before, DecimalsOf(kind));
        var text = Cell.Format(Math.Abs(change), DecimalsOf(kind));
        return change > 0 ? "+" + text : change < 0 ? "-" + text : text;
    }
}
