using System.Globalization;
using Platform.Monitoring.Domain;

namespace Platform.Monitoring.Dashboard;

/// <summary>
/// A figure as the API shows it ("12", "3.5", "+2" or "&lt;5" when hidden) and how the page writes it:
/// Dutch decimal commas, and numbers in SVG coordinates that do not depend on the server's culture.
/// </summary>
internal static class Shown
{
    public static double? Value(string shown) =>
        double.TryParse(shown, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null;

    public static string Dutch(string shown) => shown.Replace('.', ',');

    /// <summary>Whether a shown figure is hidden (small-cell suppression).</summary>
    public static bool IsHidden(string shown) => shown == SmallCellSuppression.Suppressed;

    /// <summary>An SVG coordinate or length, one decimal at most, always with a point.</summary>
    public static string Svg(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
