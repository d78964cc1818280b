namespace Platform.Monitoring.Domain;

/// <summary>
/// Kleine-aantallenregel: a count below <see cref="Threshold"/> is shown as "&lt;5" so that no child
/// can be singled out. Suppression is also applied to a neighbour when a single suppressed cell
/// could otherwise be recomputed from the published total (secondary suppression).
/// </summary>
public static class SmallCellSuppression
{
    public const int Threshold = 5;
    public const string Suppressed = "<5";

    /// <summary>One published figure: the exact count, or "&lt;5".</summary>
    public static string Show(int count) => count < Threshold ? Suppressed : count.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Suppresses the cells of a breakdown whose total is published. If exactly one cell is
    /// primary-suppressed, the smallest other cell is suppressed too, so the hidden value cannot be
    /// found as total minus the rest. Returns the shown value per key.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Breakdown(IReadOnlyDictionary<string, int> cells, bool totalIsPublished)
    {
        var hidden = cells.Where(c => c.Value < Threshold).Select(c => c.Key).ToHashSet();
        if (totalIsPublished && hidden.Count == 1)
        {
            var next = cells.Where(c => !hidden.Contains(c.Key)).OrderBy(c => c.Value).ThenBy(c => c.Key).FirstOrDefault();
            if (next.Key is not null) hidden.Add(next.Key);
        }
        return cells.ToDictionary(c => c.Key, c => hidden.Contains(c.Key) ? Suppressed : Show(c.Value));
    }
}
