using System.Globalization;
using Platform.Monitoring.Domain;

namespace Platform.Monitoring.Figures;

/// <summary>A place in the region's breakdown: the region, a sub-region, a municipality or an SWV.</summary>
public sealed record Area(string Level, string Id)
{
    public const string RegionLevel = "region";
    public const string SubRegionLevel = "sub-region";
    public const string MunicipalityLevel = "municipality";
    public const string SwvLevel = "swv";
    public static readonly Area Region = new(RegionLevel, "region");

    public override string ToString() => $"{Level}:{Id}";
}

/// <summary>
/// One published figure: <see cref="Shown"/> is what anyone may see (the figure, with the cell-key
/// noise where it counts children, or "&lt;5"); <see cref="Value"/> is the true figure, kept inside
/// the service and never sent out.
/// </summary>
public sealed record Cell(double? Value, string Shown)
{
    public bool IsShown => Shown != SmallCellSuppression.Suppressed && Value is not null;

    /// <summary>The figure as published, as a number (null when hidden).</summary>
    public double? Published => IsShown ? double.Parse(Shown, CultureInfo.InvariantCulture) : null;

    /// <summary>Published exactly: what is not about children (arrangements, places), and medians.</summary>
    public static Cell Exact(double value, int decimals = 0) => new(value, Format(value, decimals));

    /// <summary>The true value kept inside, the perturbed one published (<see cref="CellKeyPerturbation"/>).</summary>
    public static Cell Perturbed(double value, double published, int decimals = 0) => new(value, Format(published, decimals));

    public static Cell Hidden(double? value) => new(value, SmallCellSuppression.Suppressed);

    public static string Format(double value, int decimals) =>
        Math.Round(value, decimals).ToString(decimals == 0 ? "0" : "0." + new string('0', decimals), CultureInfo.InvariantCulture);
}

/// <summary>An indicator's figures for every area.</summary>
public sealed record AreaFigures(
    Cell Region, IReadOnlyDictionary<string, Cell> BySubRegion, IReadOnlyDictionary<string, Cell> ByMunicipality, IReadOnlyDictionary<string, Cell> BySwv)
{
    public IEnumerable<(Area Area, Cell Cell)> Cells()
    {
        yield return (Area.Region, Region);
        foreach (var (id, cell) in BySubRegion) yield return (new Area(Area.SubRegionLevel, id), cell);
        foreach (var (id, cell) in ByMunicipality) yield return (new Area(Area.MunicipalityLevel, id), cell);
        foreach (var (id, cell) in BySwv) yield return (new Area(Area.SwvLevel, id), cell);
    }
}

/// <summary>An indicator for one period: its total and, when it has a breakdown, each part.</summary>
public sealed record IndicatorFigures(IndicatorDefinition Definition, AreaFigures Total, IReadOnlyDictionary<string, AreaFigures> ByDimension);

/// <summary>All indicators for one period, and the date stocks were measured on.</summary>
public sealed record PeriodFigures(Period Period, DateOnly ReferenceDate, IReadOnlyList<IndicatorFigures> Indicators);
