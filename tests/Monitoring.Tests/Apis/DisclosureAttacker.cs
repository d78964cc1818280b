using System.Globalization;
using System.Text.Json;
using Platform.Monitoring.Domain;

namespace Platform.Monitoring.Tests.Apis;

/// <summary>
/// An outsider who reads everything the monitor publishes and knows how it is made (Kerckhoffs): the
/// threshold, the complementary suppression, and that a published count of children is within
/// <c>noise</c> of the truth and never below 5. Every figure is a variable with the interval of values
/// it could have ("&lt;5": 0 or more, since a complement may hold any number); every identity between
/// published figures (a total is the sum of its parts, a year of its months, a stock of last month's
/// stock plus what came in minus what went out, now is the baseline plus the change) is an equation.
/// The attacker narrows the intervals through the equations until nothing changes, exactly as one does
/// by hand with "region minus the municipalities". A count is <em>recovered</em> when its interval is
/// one value. With <c>noise</c> 0 it is the attacker of the figures as they were published before
/// ADR-0014, exact: the control that shows each attack has teeth.
/// </summary>
public sealed class DisclosureAttacker(int noise)
{
    private readonly Dictionary<string, (double Lo, double Hi)> _known = [];
    private readonly List<(int Sign, string Variable)[]> _equations = [];

    public static string Var(string tag, string row, string level, string area) => $"{tag}|{row}|{level}|{area}";

    public (double Lo, double Hi) this[string variable] => _known.GetValueOrDefault(variable, (double.NegativeInfinity, double.PositiveInfinity));

    public bool Recovered(string variable) => this[variable] is var (lo, hi) && lo == hi;

    /// <summary>What one published figure tells.</summary>
    public void Saw(string variable, string published)
    {
        if (published == SmallCellSuppression.Suppressed)
        {
            Narrow(variable, 0, double.PositiveInfinity);
            return;
        }
        var v = double.Parse(published, NumberStyles.Float, CultureInfo.InvariantCulture);
        Narrow(variable, Math.Max(SmallCellSuppression.Threshold, v - noise), v + noise);
    }

    /// <summary>What the attacker knows from elsewhere, exactly: a public figure (DUO's pupil count of a school).</summary>
    public void Knows(string variable, double value) => Narrow(variable, value, value);

    /// <summary>What the attacker knows from elsewhere as a bound: a number of admissions is 0 or more.</summary>
    public void AtLeast(string variable, double value) => Narrow(variable, value, double.PositiveInfinity);

    /// <summary>Every count of children in a period's published figures (the counts the small-cell rule is about), under a tag.</summary>
    public void SawPeriod(string tag, Dictionary<string, JsonElement> figures, string? column = null)
    {
        foreach (var (id, row) in figures.Where(f => IsCountOfChildren(f.Key)))
            foreach (var (level, area, value) in Cells(column is null ? row : row.GetProperty(column)))
                Saw(Var(tag, id, level, area), value);
    }

    public static bool IsCountOfChildren(string rowId) =>
        IndicatorCatalog.ById[rowId.Split(':')[0]] is { AboutChildren: true, Kind: IndicatorKind.Flow or IndicatorKind.Stock };

    /// <summary>Σ sign × variable = 0.</summary>
    public void Equation(params (int Sign, string Variable)[] terms) => _equations.Add(terms);

    /// <summary>
    /// The breakdown identities of one period's table: region = its sub-regions = its SWVs, a sub-region =
    /// its municipalities, a total = its parts, at every area.
    /// </summary>
    public void TableIdentities(string tag, Dictionary<string, JsonElement> figures, JsonElement areas)
    {
        var subRegions = areas.GetProperty("subRegions").EnumerateArray().Select(a => a.GetProperty("id").GetString()!).ToList();
        var swvs = areas.GetProperty("swvs").EnumerateArray().Select(a => a.GetProperty("id").GetString()!).ToList();
        var municipalities = areas.GetProperty("municipalities").EnumerateArray()
            .Select(a => (Id: a.GetProperty("id").GetString()!, SubRegion: a.GetProperty("subRegion").GetString()!)).ToList();
        foreach (var id in figures.Keys.Where(IsCountOfChildren))
        {
            Sum(Var(tag, id, "region", "region"), subRegions.Select(s => Var(tag, id, "bySubRegion", s)));
            Sum(Var(tag, id, "region", "region"), swvs.Select(s => Var(tag, id, "bySwv", s)));
            foreach (var group in municipalities.GroupBy(m => m.SubRegion))
                Sum(Var(tag, id, "bySubRegion", group.Key), group.Select(m => Var(tag, id, "byMunicipality", m.Id)));
        }
        foreach (var total in figures.Keys.Where(k => !k.Contains(':') && IsCountOfChildren(k)))
        {
            var parts = figures.Keys.Where(k => k.StartsWith(total + ":", StringComparison.Ordinal)).ToList();
            if (parts.Count == 0) continue;
            foreach (var (level, area, _) in Cells(figures[total]))
                Sum(Var(tag, total, level, area), parts.Select(p => Var(tag, p, level, area)));
        }
    }

    /// <summary>total = Σ parts.</summary>
    public void Sum(string total, IEnumerable<string> parts) => Equation([(1, total), .. parts.Select(p => (-1, p))]);

    /// <summary>Narrows every interval through every equation until nothing changes; an empty interval means the published figures broke the rules the attacker assumes.</summary>
    public void Solve()
    {
        for (var round = 0; round < 500; round++)
        {
            var changed = false;
            foreach (var terms in _equations)
                for (var j = 0; j < terms.Length; j++)
                {
                    double restLo = 0, restHi = 0;
                    for (var i = 0; i < terms.Length; i++)
                    {
                        if (i == j) continue;
                        var (lo, hi) = this[terms[i].Variable];
                        restLo += terms[i].Sign > 0 ? lo : -hi;
                        restHi += terms[i].Sign > 0 ? hi : -lo;
                    }
                    // sign_j × x_j = −rest
                    var (newLo, newHi) = terms[j].Sign > 0 ? (-restHi, -restLo) : (restLo, restHi);
                    changed |= Narrow(terms[j].Variable, newLo, newHi);
                }
            if (!changed) return;
        }
    }

    private bool Narrow(string variable, double lo, double hi)
    {
        var (oldLo, oldHi) = this[variable];
        var (newLo, newHi) = (Math.Max(oldLo, Math.Ceiling(lo)), Math.Min(oldHi, Math.Floor(hi)));
        if (newLo > newHi) throw new InvalidOperationException($"{variable}: no value fits the published figures ({oldLo}..{oldHi} and {lo}..{hi}).");
        if (newLo == oldLo && newHi == oldHi) return false;
        _known[variable] = (newLo, newHi);
        return true;
    }

    /// <summary>Every cell of a row of the API: (level, area id, figure); the region as ("region", "region").</summary>
    public static IEnumerable<(string Level, string Area, string Value)> Cells(JsonElement row)
    {
        yield return ("region", "region", row.GetProperty("region").GetString()!);
        foreach (var level in new[] { "bySubRegion", "byMunicipality", "bySwv" })
            foreach (var cell in row.GetProperty(level).EnumerateObject()) yield return (level, cell.Name, cell.Value.GetString()!);
    }
}
