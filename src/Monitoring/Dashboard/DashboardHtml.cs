using System.Net;
using System.Text;
using Platform.Monitoring.Apis;
using Platform.Monitoring.Domain;

namespace Platform.Monitoring.Dashboard;

/// <summary>
/// The regional monitor as one HTML page for policy makers: the key figures, a few charts per area,
/// every indicator as a table per sub-region and per municipality, and the comparison with a
/// baseline. Rendered on the server, no script; every link is relative, so the page works wherever
/// it is served (through the gateway, or inside the portal).
/// </summary>
internal static class DashboardHtml
{
    private static readonly string[] KeyFigures = ["thuiszitters-open", "thuiszitters-over-3-months", "referrals-received", "individual-decisions-replaced", "special-education-participation"];
    private static readonly string[] MunicipalityColumns = ["thuiszitters-open", "thuiszitters-new", "exemptions-active", "referrals-received", "individual-decisions-replaced", "special-education-participation"];

    public static string Render(IndicatorsResponse now, IReadOnlyList<IndicatorsResponse> trend, IReadOnlyList<BaselineResponse> baselines,
        IReadOnlyList<Period> periodChoices, Period period)
    {
        var rows = now.Indicators.ToDictionary(i => i.Indicator);
        var html = new StringBuilder();
        var title = $"Regionale monitor {now.Region}: {DutchText.Of(period)}";
        html.Append($$"""
            <!DOCTYPE html>
            <html lang="nl">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{{E(title)}}</title>
            <style>{{Styles}}</style>
            </head>
            <body>
            <a class="skip" href="#inhoud">Naar de inhoud</a>
            <header>
              <h1>{{E(title)}}</h1>
              <p class="lead">Hoe gaat het met de kinderen in de regio? Alle cijfers komen uit de gebeurtenissen van aanmelding, leerplicht,
              arrangementen en overdracht. Peildatum voor standen: {{E(DutchText.Of(now.ReferenceDate))}}.</p>
            """);
        RenderChoices(html, now, baselines, periodChoices, period);
        html.Append("</header>\n<main id=\"inhoud\">\n");

        html.Append("<section aria-labelledby=\"kern\"><h2 id=\"kern\">Kerncijfers</h2><ul class=\"cards\">");
        foreach (var id in KeyFigures)
            if (rows.TryGetValue(id, out var row))
            {
                var change = row.Change is { } c ? $"<span class=\"change\">t.o.v. {E(now.Baseline!.Name)}: {E(Nl(c.Region))}</span>" : "";
                html.Append($"<li class=\"card\"><span class=\"figure\" data-indicator=\"{E(id)}\">{E(Nl(row.Region))}</span><span class=\"name\">{E(row.Title)}</span>{change}</li>");
            }
        html.Append("</ul></section>\n");

        html.Append("<section aria-labelledby=\"grafieken\"><h2 id=\"grafieken\">Per gebied en in de tijd</h2><div class=\"charts\">");
        var subRegions = now.Areas.SubRegions.Where(s => s.Id != "unknown").ToList();
        Figure(html, "Thuiszitters op de peildatum per subregio", SvgCharts.Bars("chart-thuiszitters", "Thuiszitters op de peildatum per subregio",
            "Aantal open thuiszittersdossiers per subregio; aantallen onder de 5 zijn niet getoond.",
            [.. subRegions.Select(s => new SvgCharts.Bar(s.Name, rows["thuiszitters-open"].BySubRegion[s.Id]))], "kinderen"));
        Figure(html, "Plaatsen in doelgroeparrangementen per subregio", SvgCharts.Bars("chart-places", "Plaatsen in doelgroeparrangementen per subregio",
            "Plaatsen in lopende doelgroeparrangementen, naar de plek waar ze draaien.",
            [.. subRegions.Select(s => new SvgCharts.Bar(s.Name, rows["collective-places"].BySubRegion[s.Id]))], "plaatsen"));
        foreach (var (id, unit) in new[] { ("thuiszitters-open", "kinderen"), ("referrals-received", "aanmeldingen"), ("individual-decisions-replaced", "kinderen") })
        {
            var caption = $"{rows[id].Title}, per maand: de laatste {trend.Count} maanden";
            Figure(html, caption, SvgCharts.Columns($"trend-{id}", caption, $"{rows[id].Title} per maand voor de hele regio.",
                [.. trend.Select(t => new SvgCharts.Bar(DutchText.Short(Period.MonthOf(t.From)), t.Indicators.Single(i => i.Indicator == id).Region))], unit));
        }
        html.Append("</div></section>\n");

        html.Append("<section aria-labelledby=\"alle\"><h2 id=\"alle\">Alle indicatoren per subregio</h2>");
        foreach (var group in IndicatorCatalog.GroupTitles.Where(g => now.Indicators.Any(i => i.Group == g.Key)))
            RenderGroupTable(html, now, group.Key, group.Value);
        html.Append("</section>\n");

        RenderAreaTable(html, now, "gemeente", "Per gemeente", now.Areas.Municipalities, i => i.ByMunicipality);
        RenderAreaTable(html, now, "swv", "Per samenwerkingsverband", now.Areas.Swvs, i => i.BySwv);

        html.Append($$"""
            </main>
            <footer>
              <p><strong>Kleine aantallen:</strong> een aantal kinderen onder de 5, en elk cijfer dat daaruit volgt, staat er als &lt;5.
              Waar een totaal anders een verborgen cijfer zou verraden, is ook een buurcijfer verborgen. Aantallen arrangementen en plaatsen
              gaan niet over kinderen en staan er precies.</p>
              <p><a href="indicators.csv?period={{E(period.Id)}}{{(now.Baseline is null ? "" : "&amp;baseline=" + E(Uri.EscapeDataString(now.Baseline.Name)))}}&amp;separator=semicolon">Download als CSV</a>
              · Definities: docs/monitoring.md · Gemaakt {{E(now.GeneratedAt.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture))}}</p>
            </footer>
            </body>
            </html>
            """);
        return html.ToString();
    }

    private static void RenderChoices(StringBuilder html, IndicatorsResponse now, IReadOnlyList<BaselineResponse> baselines, IReadOnlyList<Period> choices, Period period)
    {
        html.Append("<form method=\"get\" action=\"\" class=\"choices\"><label for=\"period\">Periode</label><select id=\"period\" name=\"period\">");
        foreach (var choice in choices)
            html.Append($"<option value=\"{E(choice.Id)}\"{(choice.Id == period.Id ? " selected" : "")}>{E(DutchText.Of(choice))}</option>");
        html.Append("</select><label for=\"baseline\">Vergelijk met</label><select id=\"baseline\" name=\"baseline\"><option value=\"\">geen nulmeting</option>");
        foreach (var b in baselines)
            html.Append($"<option value=\"{E(b.Name)}\"{(b.Name == now.Baseline?.Name ? " selected" : "")}>{E(b.Name)} ({E(b.Period)})</option>");
        html.Append("</select><button type=\"submit\">Toon</button></form>");
    }

    private static void RenderGroupTable(StringBuilder html, IndicatorsResponse now, string group, string title)
    {
        var subRegions = now.Areas.SubRegions;
        var compare = now.Baseline is not null;
        html.Append($"<table data-group=\"{E(group)}\"><caption>{E(title)}</caption><thead><tr><th scope=\"col\">Indicator</th><th scope=\"col\">Regio</th>");
        foreach (var s in subRegions) html.Append($"<th scope=\"col\">{E(s.Name)}</th>");
        if (compare) html.Append($"<th scope=\"col\">{E(now.Baseline!.Name)}</th><th scope=\"col\">Verschil</th>");
        html.Append("</tr></thead><tbody>");
        foreach (var row in now.Indicators.Where(i => i.Group == group))
        {
            var part = row.Indicator.Contains(':');
            html.Append($"<tr data-indicator=\"{E(row.Indicator)}\"{(part ? " class=\"part\"" : "")}><th scope=\"row\">{E(row.Title)}</th>{Td(row.Region)}");
            foreach (var s in subRegions) html.Append(Td(row.BySubRegion[s.Id]));
            if (compare) html.Append(Td(row.Baseline!.Region)).Append(Td(row.Change!.Region));
            html.Append("</tr>");
        }
        html.Append("</tbody></table>\n");
    }

    private static void RenderAreaTable(StringBuilder html, IndicatorsResponse now, string id, string title, IReadOnlyList<NamedArea> areas,
        Func<IndicatorResponse, IReadOnlyDictionary<string, string>> cells)
    {
        var columns = MunicipalityColumns.Select(c => now.Indicators.Single(i => i.Indicator == c)).ToList();
        html.Append($"<section aria-labelledby=\"{id}\"><h2 id=\"{id}\">{E(title)}</h2><div class=\"scroll\"><table><caption>{E(title)}: de belangrijkste indicatoren</caption><thead><tr><th scope=\"col\">{E(char.ToUpperInvariant(title[4]) + title[5..])}</th>");
        foreach (var c in columns) html.Append($"<th scope=\"col\">{E(c.Title)}</th>");
        html.Append("</tr></thead><tbody>");
        foreach (var area in areas)
        {
            html.Append($"<tr data-area=\"{E(area.Id)}\"><th scope=\"row\">{E(area.Name)}</th>");
            foreach (var c in columns) html.Append(Td(cells(c)[area.Id]));
            html.Append("</tr>");
        }
        html.Append("</tbody></table></div></section>\n");
    }

    private static void Figure(StringBuilder html, string caption, string svg) =>
        html.Append("<figure>").Append(svg).Append("<figcaption>").Append(E(caption)).Append("</figcaption></figure>");

    private static string Td(string shown) =>
        SvgCharts.IsHidden(shown) ? "<td class=\"hidden\"><abbr title=\"minder dan 5: niet getoond\">&lt;5</abbr></td>" : $"<td>{E(Nl(shown))}</td>";

    private static string Nl(string shown) => SvgCharts.Dutch(shown);

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private const string Styles = """
        :root { --ink: #1b1b1b; --muted: #4a4a4a; --accent: #00528a; --bar: #1f6fb0; --line: #c8c8c8; --paper: #ffffff; --soft: #eef4f9; }
        * { box-sizing: border-box; }
        body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--paper); line-height: 1.5; }
        .skip { position: absolute; left: -999px; } .skip:focus { left: 1rem; top: 1rem; background: #fff; padding: .5rem; outline: 3px solid var(--accent); }
        header, main, footer { max-width: 1180px; margin: 0 auto; padding: 1rem 1.25rem; }
        header { border-bottom: 4px solid var(--accent); }
        h1 { font-size: 1.7rem; margin: .2rem 0; color: var(--accent); } h2 { font-size: 1.3rem; margin-top: 2rem; }
        .lead { color: var(--muted); max-width: 60rem; }
        .choices { display: flex; flex-wrap: wrap; gap: .6rem; align-items: center; margin: .8rem 0; }
        select, button { font: inherit; padding: .35rem .6rem; border: 1px solid var(--muted); border-radius: 4px; background: #fff; color: var(--ink); }
        button { background: var(--accent); color: #fff; border-color: var(--accent); cursor: pointer; }
        :focus-visible { outline: 3px solid #ffbf47; outline-offset: 2px; }
        .cards { list-style: none; padding: 0; display: grid; grid-template-columns: repeat(auto-fit, minmax(190px, 1fr)); gap: .8rem; }
        .card { background: var(--soft); border-left: 6px solid var(--accent); padding: .8rem 1rem; display: flex; flex-direction: column; }
        .figure { font-size: 2rem; font-weight: 700; } .name { color: var(--muted); } .change { font-size: .9rem; }
        .charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(420px, 1fr)); gap: 1rem; }
        figure { margin: 0; border: 1px solid var(--line); padding: .5rem; }
        figcaption { font-weight: 600; padding: .2rem .3rem 0; }
        .chart .bar { fill: var(--bar); } .chart .hidden-bar { fill: none; stroke: var(--muted); stroke-dasharray: 4 3; }
        .chart .label { font-size: 13px; fill: var(--ink); } .chart .value { font-size: 13px; fill: var(--ink); font-weight: 600; } .chart .small { font-size: 11px; }
        .chart .axis { stroke: var(--muted); }
        table { border-collapse: collapse; width: 100%; margin: 1rem 0; font-variant-numeric: tabular-nums; }
        caption { text-align: left; font-weight: 700; padding: .4rem 0; }
        th, td { border-bottom: 1px solid var(--line); padding: .35rem .5rem; text-align: right; }
        th[scope=row], thead th:first-child { text-align: left; font-weight: 500; }
        thead th { background: var(--soft); font-weight: 600; }
        tr.part th[scope=row] { padding-left: 1.6rem; color: var(--muted); }
        td.hidden { color: var(--muted); } abbr { text-decoration: none; }
        .scroll { overflow-x: auto; }
        footer { color: var(--muted); font-size: .95rem; border-top: 1px solid var(--line); }
        a { color: var(--accent); }
        @media (max-width: 700px) { .charts { grid-template-columns: 1fr; } h1 { font-size: 1.35rem; } }
        """;
}
