namespace Platform.Monitoring.Dashboard;

/// <summary>
/// The page's style sheet, inline so the page is one self-contained file (the portal serves it as it
/// is fetched). High contrast, visible focus, tables and charts that reflow on small screens.
/// </summary>
internal static class DashboardStyles
{
    public const string Css = """
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
