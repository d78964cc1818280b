using System.Globalization;
using System.Net;
using System.Text;
using Platform.Monitoring.Domain;

namespace Platform.Monitoring.Dashboard;

/// <summary>
/// Small, accessible SVG charts drawn on the server: no script, readable by screen readers (each
/// chart has a title and a description, and its figures are in the tables too). A hidden figure is
/// drawn as an empty, dashed bar labelled "&lt;5", never as a value.
/// </summary>
internal static class SvgCharts
{
    public sealed record Bar(string Label, string Shown);

    private static double? Value(string shown) =>
        double.TryParse(shown, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null;

    public static string Dutch(string shown) => shown.Replace('.', ',');

    /// <summary>Horizontal bars, one per label.</summary>
    public static string Bars(string id, string title, string description, IReadOnlyList<Bar> bars, string unit)
    {
        const int labelWidth = 190, barArea = 360, rowHeight = 30, top = 8;
        var max = Math.Max(1, bars.Select(b => Value(b.Shown) ?? 0).DefaultIfEmpty(0).Max());
        var height = top * 2 + bars.Count * rowHeight;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"""<svg class="chart" id="{id}" role="img" aria-labelledby="{id}-title {id}-desc" viewBox="0 0 {labelWidth + barArea + 70} {height}" width="100%">""");
        svg.Append(CultureInfo.InvariantCulture, $"""<title id="{id}-title">{Encode(title)}</title><desc id="{id}-desc">{Encode(description)}</desc>""");
        for (var i = 0; i < bars.Count; i++)
        {
            var y = top + i * rowHeight;
            var bar = bars[i];
            svg.Append(CultureInfo.InvariantCulture, $"""<text x="{labelWidth - 8}" y="{y + 19}" text-anchor="end" class="label">{Encode(bar.Label)}</text>""");
            if (Value(bar.Shown) is { } v)
            {
                var width = Math.Max(2, v / max * barArea);
                svg.Append(CultureInfo.InvariantCulture, $"""<rect x="{labelWidth}" y="{y + 5}" width="{width:0.#}" height="18" class="bar"><title>{Encode(bar.Label)}: {Dutch(bar.Shown)} {Encode(unit)}</title></rect>""");
                svg.Append(CultureInfo.InvariantCulture, $"""<text x="{labelWidth + width + 6:0.#}" y="{y + 19}" class="value">{Dutch(bar.Shown)}</text>""");
            }
            else
            {
                svg.Append(CultureInfo.InvariantCulture, $"""<rect x="{labelWidth}" y="{y + 5}" width="40" height="18" class="hidden-bar"><title>{Encode(bar.Label)}: minder dan 5 (niet getoond)</title></rect>""");
                svg.Append(CultureInfo.InvariantCulture, $"""<text x="{labelWidth + 46}" y="{y + 19}" class="value">{Encode(bar.Shown)}</text>""");
            }
        }
        return svg.Append("</svg>").ToString();
    }

    /// <summary>Columns over time, one per month.</summary>
    public static string Columns(string id, string title, string description, IReadOnlyList<Bar> columns, string unit)
    {
        const int width = 560, height = 190, bottom = 150, left = 10, gap = 6;
        var max = Math.Max(1, columns.Select(c => Value(c.Shown) ?? 0).DefaultIfEmpty(0).Max());
        var columnWidth = (width - left * 2 - gap * (columns.Count - 1)) / (double)Math.Max(1, columns.Count);
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"""<svg class="chart" id="{id}" role="img" aria-labelledby="{id}-title {id}-desc" viewBox="0 0 {width} {height}" width="100%">""");
        svg.Append(CultureInfo.InvariantCulture, $"""<title id="{id}-title">{Encode(title)}</title><desc id="{id}-desc">{Encode(description)}</desc>""");
        svg.Append(CultureInfo.InvariantCulture, $"""<line x1="{left}" y1="{bottom}" x2="{width - left}" y2="{bottom}" class="axis"/>""");
        for (var i = 0; i < columns.Count; i++)
        {
            var x = left + i * (columnWidth + gap);
            var column = columns[i];
            if (Value(column.Shown) is { } v)
            {
                var h = Math.Max(2, v / max * (bottom - 30));
                svg.Append(CultureInfo.InvariantCulture, $"""<rect x="{x:0.#}" y="{bottom - h:0.#}" width="{columnWidth:0.#}" height="{h:0.#}" class="bar"><title>{Encode(column.Label)}: {Dutch(column.Shown)} {Encode(unit)}</title></rect>""");
                svg.Append(CultureInfo.InvariantCulture, $"""<text x="{x + columnWidth / 2:0.#}" y="{bottom - h - 5:0.#}" text-anchor="middle" class="value small">{Dutch(column.Shown)}</text>""");
            }
            else
            {
                svg.Append(CultureInfo.InvariantCulture, $"""<rect x="{x:0.#}" y="{bottom - 24}" width="{columnWidth:0.#}" height="24" class="hidden-bar"><title>{Encode(column.Label)}: minder dan 5 (niet getoond)</title></rect>""");
                svg.Append(CultureInfo.InvariantCulture, $"""<text x="{x + columnWidth / 2:0.#}" y="{bottom - 29}" text-anchor="middle" class="value small">{Encode(column.Shown)}</text>""");
            }
            svg.Append(CultureInfo.InvariantCulture, $"""<text x="{x + columnWidth / 2:0.#}" y="{bottom + 18}" text-anchor="middle" class="label small">{Encode(column.Label)}</text>""");
        }
        return svg.Append("</svg>").ToString();
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    /// <summary>Whether a shown figure is hidden (for styling table cells).</summary>
    public static bool IsHidden(string shown) => shown == SmallCellSuppression.Suppressed;
}
