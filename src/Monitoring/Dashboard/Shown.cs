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

    /// <summary>Dutch decimal commas; a hidden figure as <see cref="HiddenMark"/>.</summary>
    public static string Dutch(string shown) => IsHidden(shown) ? HiddenMark : shown.Replace('.', ',');

    /// <summary>
    /// How the page marks a hidden figure: CBS's "×" (geheim), not "&lt;5", because a cell hidden as a
    /// complement (so that a total cannot give a small one away) may hold any number.
    /// </summary>
    public const string HiddenMark = "×";

    public const string HiddenTitle = "verborgen (klein aantal, of verborgen zodat een totaal geen klein aantal verraadt)";

    /// <summary>Whether a shown figure is hidden (small-cell suppression).</summary>
    public static bool IsHidden(string shown) => shown == SmallCellSuppression.Suppressed;

    /// <summary>An SVG coordinate or length, one decimal at most, always with a point.</summary>
    public static string Svg(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
