using System.Text.Json;
using Platform.Monitoring.Domain;
using Platform.Monitoring.Figures;

namespace Platform.Monitoring.Baselines;

/// <summary>
/// One stored cell of a baseline: the true value, whether it was shown, and what was published
/// (<c>P</c>: with the cell-key noise). A baseline taken before the noise (no <c>P</c>) published its
/// true values then, and shows them.
/// </summary>
public sealed record StoredCell(double? V, bool S, string? P = null)
{
    /// <summary>The figure the baseline published, as a number.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public double? Published => !S ? null : P is not null ? double.Parse(P, System.Globalization.CultureInfo.InvariantCulture) : V;
}

/// <summary>How a period's figures are frozen into a baseline and compared with later ones.</summary>
public static class BaselineFigures
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Row id (indicator, or indicator:part) → area key (e.g. municipality:GM0935) → cell.</summary>
    public static string Freeze(PeriodFigures figures) => JsonSerializer.Serialize(
        Rows(figures).ToDictionary(r => r.Id, r => r.Figures.Cells().ToDictionary(c => c.Area.ToString(), c => new StoredCell(c.Cell.Value, c.Cell.IsShown, c.Cell.IsShown ? c.Cell.Shown : null))),
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

    /// <summary>What the baseline published for a cell ("–" when the baseline had no such cell).</summary>
    public static string Shown(StoredCell? cell, IndicatorKind kind) => cell switch
    {
        null => "–",
        { S: true, P: { } published } => published,
        { S: true, V: { } v } => Cell.Format(v, DecimalsOf(kind)),
        _ => SmallCellSuppression.Suppressed,
    };

    /// <summary>
    /// Published now minus published then, only where both were shown: a change computed from a hidden
    /// figure is hidden too. Both published figures carry their cells' noise, so the change is never
    /// the exact number of children that came or went (the "+1" that singled out one referral).
    /// </summary>
    public static string Change(Cell now, StoredCell? then, IndicatorKind kind)
    {
        if (then is null) return "–";
        if (now.Published is not { } current || then.Published is not { } before) return SmallCellSuppression.Suppressed;
        var change = Math.Round(current - before, DecimalsOf(kind));
        var text = Cell.Format(Math.Abs(change), DecimalsOf(kind));
        return change > 0 ? "+" + text : change < 0 ? "-" + text : text;
    }
}
