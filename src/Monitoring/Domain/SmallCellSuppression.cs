namespace Platform.Monitoring.Domain;

/// <summary>
/// Kleine-aantallenregel: no published figure may single out a child. A count of children below
/// <see cref="Threshold"/> is shown as "&lt;5" (primary suppression), and so is any figure derived from
/// one. Because totals are published beside their parts (region = sub-regions, a sub-region = its
/// municipalities, a count = its breakdown by kind), a hidden cell must not be recomputable as
/// "total minus the rest": further cells are hidden until, in every such group of the table,
/// <list type="bullet">
/// <item>a published total never has exactly one hidden part that could be non-zero, and</item>
/// <item>a hidden total always has at least one hidden part (or it would be the sum of its parts).</item>
/// </list>
/// These are the classic complementary-suppression conditions, checked over every row and column of
/// the table until nothing changes. Complements are the smallest non-zero visible cells, so as little
/// as possible is lost.
/// </summary>
public static class SmallCellSuppression
{
    public const int Threshold = 5;
    public const string Suppressed = "<5";

    /// <summary>One group of the table: a total and the parts that add up to it.</summary>
    public sealed record Group<TCell>(TCell Total, IReadOnlyList<TCell> Parts) where TCell : notnull;

    /// <summary>The cells to hide: every small count, and the complements that keep them hidden.</summary>
    public static HashSet<TCell> Hide<TCell>(IReadOnlyDictionary<TCell, int> counts, IReadOnlyList<Group<TCell>> groups) where TCell : notnull
    {
        int Count(TCell cell) => counts.GetValueOrDefault(cell);
        var hidden = counts.Where(c => c.Value < Threshold).Select(c => c.Key).ToHashSet();
        bool changed;
        do
        {
            changed = false;
            foreach (var group in groups)
            {
                var hiddenParts = group.Parts.Count(p => hidden.Contains(p) && Count(p) > 0);
                var needsComplement = hidden.Contains(group.Total)
                    ? Count(group.Total) > 0 && hiddenParts == 0
                    : hiddenParts == 1;
                if (!needsComplement) continue;
                var complement = group.Parts.Where(p => !hidden.Contains(p))
                    .OrderBy(p => Count(p) == 0).ThenBy(Count).ThenBy(p => p.ToString(), StringComparer.Ordinal).FirstOrDefault();
                if (complement is null || !hidden.Add(complement)) continue;
                changed = true;
            }
        } while (changed);
        return hidden;
    }

    /// <summary>A count as published: exact from 5 up, otherwise "&lt;5".</summary>
    public static string Show(int count) => count < Threshold ? Suppressed : count.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
