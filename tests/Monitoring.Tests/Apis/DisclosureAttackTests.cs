using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Platform.Contracts.Attendance;
using Platform.Contracts.Intake;
using Platform.Monitoring.Domain;
using Platform.TestInfrastructure;

namespace Platform.Monitoring.Tests.Apis;

/// <summary>
/// Issue #25 point 9, the attack tests (kleine-aantallenregel across tables, periods, baselines and time;
/// docs/monitoring.md "Disclosure control", ADR-0014). Event sequences go in over the real broker; the
/// attacker reads only what the real endpoints publish (the JSON, and the CSV and the page, checked to
/// publish exactly the same figures) and differences them with <see cref="DisclosureAttacker"/>: no count
/// of 1 to 4 children may come out. The same attack on the true figures published exactly (as before
/// ADR-0014) must recover one, or the scenario proves nothing.
/// </summary>
public abstract partial class DisclosureAttackTestBase(TestServersFixture fixture) : MonitoringTestBase(fixture)
{
    protected static DateTimeOffset On(int year, int month, int day) => new(year, month, day, 9, 0, 0, TimeSpan.Zero);

    protected const string Maastricht = "GM0935", Heerlen = "GM0917", Beek = "GM0888";
    protected const string DeLinde = "school-bs-de-linde", HetPalet = "school-bs-het-palet";

    private int _ids;

    /// <summary>
    /// Fixed ids, one after the other: the contributors, so the noise, are the same on every run (the tests
    /// use the development key), and what the attack tests conclude does not depend on chance.
    /// </summary>
    protected Guid NextId() => new($"00000000-0000-0000-0000-{++_ids:000000000000}");

    protected Task ReferAsync(string municipality, DateTimeOffset on, string school = DeLinde) =>
        PublishAsync(new ReferralSubmitted(NextId(), "cr1-a", school, "school", municipality, ["learning"], "soon", on));

    /// <summary>
    /// A period's published figures from the JSON, after checking that the CSV (every line) and the page
    /// (every table, every key figure) publish the very same figures: attacking one is attacking all.
    /// </summary>
    protected async Task<(Dictionary<string, JsonElement> Figures, JsonElement Areas)> PublishedAsync(string period, string? baseline = null)
    {
        var query = $"period={period}" + (baseline is null ? "" : $"&baseline={Uri.EscapeDataString(baseline)}");
        var json = await As().GetFromJsonAsync<JsonElement>($"/api/monitoring/indicators?{query}", Ct);
        var figures = json.GetProperty("indicators").EnumerateArray().ToDictionary(i => i.GetProperty("indicator").GetString()!, i => i);
        var areas = json.GetProperty("areas");

        // The CSV: a line per indicator and area, value (and baseline, change) as the JSON has them.
        var csv = (await As().GetStringAsync($"/api/monitoring/indicators.csv?{query}", Ct)).TrimStart('\uFEFF');
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(CsvFields).ToList();
        Assert.Equal(figures.Count * (1 + areas.GetProperty("subRegions").GetArrayLength() + areas.GetProperty("municipalities").GetArrayLength()
            + areas.GetProperty("swvs").GetArrayLength()), lines.Count);
        foreach (var line in lines)
        {
            var row = figures[line[1]];
            var level = line[3] switch { "region" => null, "sub-region" => "bySubRegion", "municipality" => "byMunicipality", _ => "bySwv" };
            string At(JsonElement r) => level is null ? r.GetProperty("region").GetString()! : r.GetProperty(level).GetProperty(line[4]).GetString()!;
            Assert.Equal(At(row), line[6]);
            if (baseline is not null) Assert.Equal((At(row.GetProperty("baseline")), At(row.GetProperty("change"))), (line[7], line[8]));
        }

        // The page: every figure it shows is the JSON's (× for hidden, a decimal comma).
        var html = await As().GetStringAsync($"/api/monitoring/dashboard?{query}", Ct);
        var subRegions = areas.GetProperty("subRegions").EnumerateArray().Select(a => a.GetProperty("id").GetString()!).ToList();
        var shownOnPage = 0;
        foreach (Match tr in GroupRow().Matches(html))
        {
            var row = figures[tr.Groups["id"].Value];
            var cells = TableCell().Matches(tr.Groups["cells"].Value).Select(m => Figure(m.Groups["v"].Value)).ToList();
            List<string> expected = [row.GetProperty("region").GetString()!, .. subRegions.Select(s => row.GetProperty("bySubRegion").GetProperty(s).GetString()!)];
            if (baseline is not null) expected.AddRange([row.GetProperty("baseline").GetProperty("region").GetString()!, row.GetProperty("change").GetProperty("region").GetString()!]);
            Assert.Equal(expected, cells);
            shownOnPage += cells.Count;
        }
        Assert.True(shownOnPage >= figures.Count * (1 + subRegions.Count), "every indicator's row is on the page");
        foreach (Match card in KeyFigure().Matches(html))
            Assert.Equal(figures[card.Groups["id"].Value].GetProperty("region").GetString(), Figure(card.Groups["v"].Value));
        var titles = figures.Values.ToDictionary(r => r.GetProperty("title").GetString()!, r => r);
        foreach (var (section, level) in new[] { ("gemeente", "byMunicipality"), ("swv", "bySwv") })
        {
            var table = Regex.Match(html, $"<section aria-labelledby=\"{section}\">(.*?)</section>", RegexOptions.Singleline).Groups[1].Value;
            var columns = HeaderCell().Matches(table).Skip(1).Select(m => titles[WebUtility.HtmlDecode(m.Groups["t"].Value)]).ToList();
            var rows = AreaRow().Matches(table).ToList();
            Assert.Equal(areas.GetProperty(level == "byMunicipality" ? "municipalities" : "swvs").GetArrayLength(), rows.Count);
            foreach (Match tr in rows)
                Assert.Equal(columns.Select(c => c.GetProperty(level).GetProperty(tr.Groups["id"].Value).GetString()!),
                    TableCell().Matches(tr.Groups["cells"].Value).Select(m => Figure(m.Groups["v"].Value)));
        }
        return (figures, areas);
    }

    /// <summary>A running period is published nowhere: 422 naming the period on the JSON, the CSV and the page.</summary>
    protected async Task AssertNotPublishedAsync(string period)
    {
        foreach (var path in new[] { "indicators", "indicators.csv", "dashboard" })
        {
            var response = await As().GetAsync($"/api/monitoring/{path}?period={period}", Ct);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
            Assert.True(problem.GetProperty("errors").TryGetProperty("period", out _), path);
            Assert.Contains("ADR-0014", problem.GetProperty("detail").GetString());
            Assert.DoesNotContain("\"indicators\"", problem.ToString());
        }
    }

    /// <summary>
    /// The verdict on one attack: the truth lies in every interval (the attacker's model is sound), no
    /// target of 1 to 4 children is recovered; and the control (exact figures) recovers at least one.
    /// </summary>
    protected static void AssertNothingRecovered(DisclosureAttacker attacker, DisclosureAttacker control, IReadOnlyDictionary<string, double> truth, string attack)
    {
        var small = truth.Where(t => t.Value is >= 1 and < SmallCellSuppression.Threshold).Select(t => t.Key).ToList();
        Assert.NotEmpty(small);
        foreach (var (variable, value) in truth)
        {
            var (lo, hi) = attacker[variable];
            Assert.True(lo <= value && value <= hi, $"{attack}: {variable} is {value}, outside what the attacker derived ({lo}..{hi})");
        }
        var recovered = small.Where(attacker.Recovered).Select(v => $"{v} = {truth[v]}").ToList();
        Assert.True(recovered.Count == 0, $"{attack} recovered: {string.Join(", ", recovered)}");
        Assert.True(small.Any(v => control.Recovered(v) && control[v].Lo == truth[v]),
            $"{attack}: on exact figures the attack should recover a small count, or the scenario tests nothing");
    }

    /// <summary>
    /// The published counts carry noise: same cells hidden, each within ±2, and not all of them the true
    /// figure (with dozens of shown cells, each exact with chance 0.4, all exact never happens by chance):
    /// the figures published exactly would fail here, whatever the attacker above concluded.
    /// </summary>
    protected static void AssertNoised(params (Dictionary<string, JsonElement> Published, Dictionary<string, JsonElement> Truth)[] periods)
    {
        foreach (var (published, truth) in periods) AssertPublishedIsTheTruthWithNoise(truth, published);
        var shown = periods.SelectMany(p => p.Truth.Where(r => DisclosureAttacker.IsCountOfChildren(r.Key))
            .SelectMany(r => DisclosureAttacker.Cells(r.Value).Zip(DisclosureAttacker.Cells(p.Published[r.Key]))))
            .Where(c => c.First.Value != SmallCellSuppression.Suppressed).ToList();
        Assert.True(shown.Count >= 10, $"only {shown.Count} counts shown: too few to judge the noise");
        Assert.Contains(shown, c => c.First.Value != c.Second.Value);
    }

    protected static Dictionary<string, double> Truth(string tag, Dictionary<(string Row, string Level, string Area), double> values) =>
        values.Where(v => DisclosureAttacker.IsCountOfChildren(v.Key.Row))
            .ToDictionary(v => DisclosureAttacker.Var(tag, v.Key.Row, v.Key.Level, v.Key.Area), v => v.Value);

    private static string Figure(string html)
    {
        var text = WebUtility.HtmlDecode(Regex.Replace(html, "<[^>]+>", "")).Trim();
        return text == "×" ? SmallCellSuppression.Suppressed : text.Replace(',', '.');
    }

    private static List<string> CsvFields(string line)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
            else if (c == '"') quoted = !quoted;
            else if (c == ',' && !quoted) { fields.Add(field.ToString()); field.Clear(); }
            else field.Append(c);
        }
        fields.Add(field.ToString());
        return fields;
    }

    [GeneratedRegex("<tr data-indicator=\"(?<id>[^\"]+)\"[^>]*>(?<cells>.*?)</tr>", RegexOptions.Singleline)]
    private static partial Regex GroupRow();

    [GeneratedRegex("<tr data-area=\"(?<id>[^\"]+)\"[^>]*>(?<cells>.*?)</tr>", RegexOptions.Singleline)]
    private static partial Regex AreaRow();

    [GeneratedRegex("<td[^>]*>(?<v>.*?)</td>", RegexOptions.Singleline)]
    private static partial Regex TableCell();

    [GeneratedRegex("<th scope=\"col\">(?<t>[^<]*)</th>")]
    private static partial Regex HeaderCell();

    [GeneratedRegex("<span class=\"figure\" data-indicator=\"(?<id>[^\"]+)\">(?<v>[^<]*)</span>")]
    private static partial Regex KeyFigure();
}

/// <summary>
/// Breakdowns (region minus municipalities, a total minus its parts), tables against each other over time
/// (thuiszitters open at the end of November = open at the end of October + new − resolved in November),
/// the baseline's change column, and polling: before and after one late event, and a running month.
/// </summary>
public sealed class DisclosureAttackTests(TestServersFixture fixture) : DisclosureAttackTestBase(fixture)
{
    [Fact]
    public async Task Differencing_breakdowns_tables_over_time_the_baseline_and_polls_recovers_no_count_below_5()
    {
        // November 2026: referrals from Maastricht 9, Heerlen 7, Beek 1.
        for (var i = 0; i < 9; i++) await ReferAsync(Maastricht, On(2026, 11, 10));
        for (var i = 0; i < 7; i++) await ReferAsync(Heerlen, On(2026, 11, 11), HetPalet);
        await ReferAsync(Beek, On(2026, 11, 12), "jgz-zuid-limburg");
        // Thuiszitters: 10 in Maastricht and 6 in Heerlen registered in October; in November 2 more in Maastricht,
        // and 6 of Maastricht's October ones resolved. Open: 16 at the end of October, 12 at the end of November.
        var october = Enumerable.Range(0, 10).Select(_ => NextId()).ToList();
        foreach (var id in october)
            await PublishAsync(new ThuiszitterRegistered(id, "cr1-t", Maastricht, "long-term-relative", new DateOnly(2026, 9, 1), new DateOnly(2026, 11, 1), new DateOnly(2026, 12, 1), On(2026, 10, 5), DeLinde));
        for (var i = 0; i < 6; i++)
            await PublishAsync(new ThuiszitterRegistered(NextId(), "cr1-t", Heerlen, "absolute", new DateOnly(2026, 9, 1), new DateOnly(2026, 11, 1), new DateOnly(2026, 12, 1), On(2026, 10, 6)));
        for (var i = 0; i < 2; i++)
            await PublishAsync(new ThuiszitterRegistered(NextId(), "cr1-t", Maastricht, "long-term-relative", new DateOnly(2026, 10, 1), new DateOnly(2026, 12, 1), new DateOnly(2027, 1, 1), On(2026, 11, 3), DeLinde));
        foreach (var id in october.Take(6))
            await PublishAsync(new ThuiszitterResolved(id, Maastricht, "attending-again", new DateOnly(2026, 9, 1), false, On(2026, 11, 20)));
        // Exemptions in November: 6 under 5a and 1 under 5b, all in Maastricht.
        for (var i = 0; i < 6; i++) await PublishAsync(new ExemptionGranted(NextId(), "cr1-e", Maastricht, "5a", new DateOnly(2026, 11, 5), new DateOnly(2027, 7, 31), On(2026, 11, 5)));
        await PublishAsync(new ExemptionGranted(NextId(), "cr1-e", Maastricht, "5b", new DateOnly(2026, 11, 6), new DateOnly(2027, 7, 31), On(2026, 11, 6)));
        await WaitForJournalAsync();

        // 1. Breakdowns and tables over time, in one reading of October and November.
        var (oct, areas) = await PublishedAsync("2026-10");
        var (nov, _) = await PublishedAsync("2026-11");
        var (trueOct, trueNov) = (await TrueFiguresAsync("2026-10"), await TrueFiguresAsync("2026-11"));
        AssertNoised((oct, trueOct), (nov, trueNov));
        var attacker = new DisclosureAttacker(CellKeyPerturbation.MaxNoise);
        var control = new DisclosureAttacker(0);
        foreach (var (who, o, n) in new[] { (attacker, oct, nov), (control, trueOct, trueNov) })
        {
            who.SawPeriod("2026-10", o);
            who.SawPeriod("2026-11", n);
            who.TableIdentities("2026-10", o, areas);
            who.TableIdentities("2026-11", n, areas);
            // Stock and flows: open(November) = open(October) + new(November) − resolved(November), per area.
            foreach (var (level, area, _) in DisclosureAttacker.Cells(n["thuiszitters-open"]))
                who.Equation((1, DisclosureAttacker.Var("2026-11", "thuiszitters-open", level, area)), (-1, DisclosureAttacker.Var("2026-10", "thuiszitters-open", level, area)),
                    (-1, DisclosureAttacker.Var("2026-11", "thuiszitters-new", level, area)), (1, DisclosureAttacker.Var("2026-11", "thuiszitters-resolved", level, area)));
            who.Solve();
        }
        var truth = Truth("2026-10", await TrueValuesAsync("2026-10")).Concat(Truth("2026-11", await TrueValuesAsync("2026-11"))).ToDictionary();
        // The 2 new thuiszitters of November: exact figures gave them away as 12 − 16 + 6.
        Assert.Equal(2, truth[DisclosureAttacker.Var("2026-11", "thuiszitters-new", "region", "region")]);
        AssertNothingRecovered(attacker, control, truth, "breakdowns and tables over time");

        // 2. The baseline and a poll before and after one late event. The region's office takes November as the
        // 0-meting; then one referral from Heerlen and one 5b exemption in Maastricht arrive late, dated November.
        Assert.Equal(HttpStatusCode.Created, (await AsRegionOffice.PostAsJsonAsync("/api/monitoring/baselines", new { name = "0-meting", period = "2026-11" }, Ct)).StatusCode);
        var trueBefore = await TrueValuesAsync("2026-11");
        var trueFiguresBefore = await TrueFiguresAsync("2026-11");
        await ReferAsync(Heerlen, On(2026, 11, 28), HetPalet);
        await PublishAsync(new ExemptionGranted(NextId(), "cr1-e", Maastricht, "5b", new DateOnly(2026, 11, 27), new DateOnly(2027, 7, 31), On(2026, 11, 27)));
        await WaitForJournalAsync();
        var (after, _) = await PublishedAsync("2026-11", baseline: "0-meting");
        var trueAfter = await TrueValuesAsync("2026-11");
        var trueFiguresAfter = await TrueFiguresAsync("2026-11");
        AssertNoised((after, trueFiguresAfter));
        // The baseline column is exactly what November published when the baseline was taken (the poll before), never the true figures.
        foreach (var (id, row) in nov)
            Assert.Equal(DisclosureAttacker.Cells(row), DisclosureAttacker.Cells(after[id].GetProperty("baseline")));

        attacker = new DisclosureAttacker(CellKeyPerturbation.MaxNoise);
        control = new DisclosureAttacker(0);
        // The attacker's unknowns: Δ, how many came in per cell. The baseline column is the poll before (the same figures).
        foreach (var (who, then, now) in new[] { (attacker, nov, after), (control, trueFiguresBefore, trueFiguresAfter) })
        {
            who.SawPeriod("then", then);
            who.SawPeriod("now", now);
            if (who == attacker) who.SawPeriod("then", now, column: "baseline");
            who.TableIdentities("then", then, areas);
            who.TableIdentities("now", now, areas);
            foreach (var id in now.Keys.Where(DisclosureAttacker.IsCountOfChildren))
                foreach (var (level, area, _) in DisclosureAttacker.Cells(now[id]))
                    who.Equation((1, DisclosureAttacker.Var("now", id, level, area)), (-1, DisclosureAttacker.Var("then", id, level, area)), (-1, DisclosureAttacker.Var("Δ", id, level, area)));
            who.Solve();
        }
        // The change column is published minus published: nothing the two columns do not say already.
        foreach (var (id, row) in after.Where(r => DisclosureAttacker.IsCountOfChildren(r.Key)))
            foreach (var ((_, _, now), (_, _, then), (_, _, change)) in DisclosureAttacker.Cells(row).Zip(DisclosureAttacker.Cells(row.GetProperty("baseline")), DisclosureAttacker.Cells(row.GetProperty("change"))))
                if (now != "<5" && then != "<5")
                    Assert.Equal(int.Parse(now, CultureInfo.InvariantCulture) - int.Parse(then, CultureInfo.InvariantCulture), int.Parse(change.TrimStart('+'), CultureInfo.InvariantCulture));
        var deltas = trueAfter.Where(v => DisclosureAttacker.IsCountOfChildren(v.Key.Row))
            .ToDictionary(v => DisclosureAttacker.Var("Δ", v.Key.Row, v.Key.Level, v.Key.Area), v => v.Value - trueBefore.GetValueOrDefault(v.Key));
        // One referral came in for Heerlen: exact figures (17, then 18) said "+1".
        Assert.Equal(1, deltas[DisclosureAttacker.Var("Δ", "referrals-received", "region", "region")]);
        AssertNothingRecovered(attacker, control, deltas, "the baseline's change column and a poll before and after one event");

        // 3. Polling a running month: January 2027 (today is 15 January) is published nowhere, before or after an event.
        await AssertNotPublishedAsync("2027-01");
        await ReferAsync(Maastricht, On(2027, 1, 15));
        await WaitForJournalAsync();
        await AssertNotPublishedAsync("2027-01");
        var running = await AsRegionOffice.PostAsJsonAsync("/api/monitoring/baselines", new { name = "januari", period = "2027-01" }, Ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, running.StatusCode);
        // The default period is the last month that has ended (December), not the running one.
        var byDefault = await As().GetFromJsonAsync<JsonElement>("/api/monitoring/indicators", Ct);
        Assert.Equal("2026-12", byDefault.GetProperty("period").GetString());
    }
}

/// <summary>
/// Periods: a school year is the sum of its months. Referrals from Maastricht in 2025-2026: 6 a month from
/// August to July, but only 2 in March. With exact figures the year (68) minus the months shown (11 × 6)
/// gave March's 2 away. The same for zorgplicht decisions at De Linde (issue #24): 6 a month, 2 in March.
/// </summary>
public sealed class PeriodDifferencingAttackTests(TestServersFixture fixture) : DisclosureAttackTestBase(fixture)
{
    [Fact]
    public async Task A_school_year_minus_its_months_recovers_no_count_below_5()
    {
        foreach (var month in Period.SchoolYear(2025).MonthsUpTo(12))
            for (var i = 0; i < (month.From.Month == 3 ? 2 : 6); i++)
            {
                await ReferAsync(Maastricht, On(month.From.Year, month.From.Month, 10));
                var decided = new DateOnly(month.From.Year, month.From.Month, 10);
                await PublishAsync(new Platform.Contracts.Funding.ZorgplichtDecided(NextId(), "cr1-z", Maastricht, DeLinde, "po", Maastricht,
                    "swv-po-maastricht-heuvelland", "own-school", "27DL00", "po", null, decided.AddDays(-30), decided, "on-time", false, On(decided.Year, decided.Month, 10)));
            }
        await WaitForJournalAsync();

        var months = Period.SchoolYear(2025).MonthsUpTo(12).Select(p => p.Id).ToList();
        var attacker = new DisclosureAttacker(CellKeyPerturbation.MaxNoise);
        var control = new DisclosureAttacker(0);
        var truth = new Dictionary<string, double>();
        var readings = new List<(Dictionary<string, JsonElement>, Dictionary<string, JsonElement>)>();
        JsonElement areas = default;
        foreach (var period in months.Append("2025-2026"))
        {
            (var published, areas) = await PublishedAsync(period);
            var exact = await TrueFiguresAsync(period);
            readings.Add((published, exact));
            foreach (var (who, figures) in new[] { (attacker, published), (control, exact) })
            {
                who.SawPeriod(period, figures);
                who.TableIdentities(period, figures, areas);
            }
            foreach (var (variable, value) in Truth(period, await TrueValuesAsync(period))) truth[variable] = value;
        }
        var (yearFigures, _) = await PublishedAsync("2025-2026");
        foreach (var who in new[] { attacker, control })
        {
            // A flow's year is the sum of its months, in every cell.
            foreach (var id in yearFigures.Keys.Where(k => DisclosureAttacker.IsCountOfChildren(k) && IndicatorCatalog.ById[k.Split(':')[0]].Kind == IndicatorKind.Flow))
                foreach (var (level, area, _) in DisclosureAttacker.Cells(yearFigures[id]))
                    who.Sum(DisclosureAttacker.Var("2025-2026", id, level, area), months.Select(m => DisclosureAttacker.Var(m, id, level, area)));
            who.Solve();
        }
        Assert.Equal(2, truth[DisclosureAttacker.Var("2026-03", "referrals-received", "region", "region")]);
        // Issue #24: March's 2 zorgplicht decisions came out of exact figures too (68 − 11 × 6), and do not with the noise (below).
        var marchDecisions = DisclosureAttacker.Var("2026-03", "zorgplicht-decisions", "region", "region");
        Assert.Equal(2, truth[marchDecisions]);
        Assert.True(control.Recovered(marchDecisions) && control[marchDecisions].Lo == 2, "exact figures give March's zorgplicht decisions away");
        AssertNoised([.. readings]);
        AssertNothingRecovered(attacker, control, truth, "a school year minus its months");
    }
}

/// <summary>
/// Issue #23: the new breakdowns against the tables they repeat. Thuiszitters by school type (PO + VO + (V)SO + not enrolled) are the
/// same children as thuiszitters open (by kind: absolute = not enrolled, long-term relative = the enrolled school types), and the
/// exemptions by term the same as by article; the attacker adds those identities to the breakdowns and the stock-and-flow identity
/// over two months. With exact figures the 2 new thuiszitters of November come out (open now − open before + resolved); with the
/// noise, nothing below 5 does, through the new tables either.
/// </summary>
public sealed class BreakdownDifferencingAttackTests(TestServersFixture fixture) : DisclosureAttackTestBase(fixture)
{
    private const string Kerkrade = "GM0928", CollegeParkstad = "school-vo-college-parkstad", DeBerg = "school-vso-de-berg";

    private async Task<Guid> RegisterAsync(string home, string? school, DateTimeOffset on, string kind = "long-term-relative")
    {
        var id = NextId();
        await PublishAsync(new ThuiszitterRegistered(id, "cr1-t", home, kind, new DateOnly(2026, 9, 1), new DateOnly(2026, 11, 1), new DateOnly(2026, 12, 1), on, school));
        return id;
    }

    [Fact]
    public async Task School_type_and_exemption_term_breakdowns_against_their_totals_recover_no_count_below_5()
    {
        // October: De Linde (PO, Maastricht) 10, College Parkstad (VO, Kerkrade) 6, De Berg ((V)SO, Heerlen) 3, not enrolled (Heerlen) 2: 21.
        // November: 2 more at De Berg; 6 of De Linde's resolved. Open at the end of November: PO 4, VO 6, (V)SO 5, not enrolled 2: 17.
        var deLinde = new List<Guid>();
        for (var i = 0; i < 10; i++) deLinde.Add(await RegisterAsync(Maastricht, DeLinde, On(2026, 10, 5)));
        for (var i = 0; i < 6; i++) await RegisterAsync(Kerkrade, CollegeParkstad, On(2026, 10, 6));
        for (var i = 0; i < 3; i++) await RegisterAsync(Heerlen, DeBerg, On(2026, 10, 7));
        for (var i = 0; i < 2; i++) await RegisterAsync(Heerlen, null, On(2026, 10, 8), kind: "absolute");
        for (var i = 0; i < 2; i++) await RegisterAsync(Heerlen, DeBerg, On(2026, 11, 3));
        foreach (var id in deLinde.Take(6))
            await PublishAsync(new ThuiszitterResolved(id, Maastricht, "attending-again", new DateOnly(2026, 9, 1), false, On(2026, 11, 20)));
        // Exemptions in November: 6 temporary 5b, 2 permanent 5a, all in Maastricht.
        for (var i = 0; i < 6; i++)
            await PublishAsync(new ExemptionGranted(NextId(), "cr1-e", Maastricht, "5b", new DateOnly(2026, 11, 5), new DateOnly(2027, 7, 31), On(2026, 11, 5), Permanent: false));
        for (var i = 0; i < 2; i++)
            await PublishAsync(new ExemptionGranted(NextId(), "cr1-e", Maastricht, "5a", new DateOnly(2026, 11, 6), new DateOnly(2030, 7, 31), On(2026, 11, 6), Permanent: true));
        await WaitForJournalAsync();

        var (oct, areas) = await PublishedAsync("2026-10");
        var (nov, _) = await PublishedAsync("2026-11");
        var (trueOct, trueNov) = (await TrueFiguresAsync("2026-10"), await TrueFiguresAsync("2026-11"));
        AssertNoised((oct, trueOct), (nov, trueNov));
        var attacker = new DisclosureAttacker(CellKeyPerturbation.MaxNoise);
        var control = new DisclosureAttacker(0);
        foreach (var (who, o, n) in new[] { (attacker, oct, nov), (control, trueOct, trueNov) })
        {
            foreach (var (tag, figures) in new[] { ("2026-10", o), ("2026-11", n) })
            {
                who.SawPeriod(tag, figures);
                who.TableIdentities(tag, figures, areas);
                foreach (var (level, area, _) in DisclosureAttacker.Cells(figures["thuiszitters-open"]))
                {
                    string V(string row) => DisclosureAttacker.Var(tag, row, level, area);
                    // The same children in two tables: the totals, absolute = not enrolled, long-term relative = the school types.
                    who.Equation((1, V("thuiszitters-open")), (-1, V("thuiszitters-by-school-type")));
                    if (figures.ContainsKey("thuiszitters-open:absolute") && figures.ContainsKey("thuiszitters-by-school-type:not-enrolled"))
                        who.Equation((1, V("thuiszitters-open:absolute")), (-1, V("thuiszitters-by-school-type:not-enrolled")));
                    if (figures.ContainsKey("thuiszitters-open:long-term-relative"))
                        who.Sum(V("thuiszitters-open:long-term-relative"), figures.Keys
                            .Where(k => k.StartsWith("thuiszitters-by-school-type:", StringComparison.Ordinal) && k != "thuiszitters-by-school-type:not-enrolled").Select(V));
                    if (figures.ContainsKey("exemptions-granted-by-term"))
                        who.Equation((1, V("exemptions-granted")), (-1, V("exemptions-granted-by-term")));
                    if (figures.ContainsKey("exemptions-active-by-term"))
                        who.Equation((1, V("exemptions-active")), (-1, V("exemptions-active-by-term")));
                }
            }
            // Stock and flows: open(November) = open(October) + new(November) − resolved(November), per area.
            foreach (var (level, area, _) in DisclosureAttacker.Cells(n["thuiszitters-open"]))
                who.Equation((1, DisclosureAttacker.Var("2026-11", "thuiszitters-open", level, area)), (-1, DisclosureAttacker.Var("2026-10", "thuiszitters-open", level, area)),
                    (-1, DisclosureAttacker.Var("2026-11", "thuiszitters-new", level, area)), (1, DisclosureAttacker.Var("2026-11", "thuiszitters-resolved", level, area)));
            who.Solve();
        }
        var truth = Truth("2026-10", await TrueValuesAsync("2026-10")).Concat(Truth("2026-11", await TrueValuesAsync("2026-11"))).ToDictionary();
        // The scenario has small school-type cells to protect: (V)SO's 3 in October, not enrolled 2 and permanent exemptions 2 in November.
        Assert.Equal((3, 2, 2), (truth[DisclosureAttacker.Var("2026-10", "thuiszitters-by-school-type:so-vso", "region", "region")],
            truth[DisclosureAttacker.Var("2026-11", "thuiszitters-by-school-type:not-enrolled", "region", "region")],
            truth[DisclosureAttacker.Var("2026-11", "exemptions-granted-by-term:permanent", "region", "region")]));
        AssertNothingRecovered(attacker, control, truth, "school types and exemption terms against their totals");
    }
}

/// <summary>
/// Issue #23: special education by school location and type against what is public. DUO's pupil count of every special school is
/// published, so special-education-pupils minus it is the number of TLV admissions since the count date, per area and type, and the
/// same admissions are special-education-by-residence where the children live. In November one SBO admission for a Maastricht child
/// (counted at De Linde), three VSO admissions for Kerkrade children (College Parkstad) and two SO admissions for Heerlen children
/// (Het Palet). With exact figures Maastricht's SBO count (118 + 1 = 119, shown) minus Het Kompas's public 118 gives the 1 admission
/// away; with the noise nothing below 5 comes out.
/// </summary>
public sealed class SpecialEducationDifferencingAttackTests(TestServersFixture fixture) : DisclosureAttackTestBase(fixture)
{
    /// <summary>DUO's 1 October 2026 count at the special schools (public): Het Kompas, De Wissel, De Berg.</summary>
    private static readonly (string Type, string Municipality, string SubRegion, string Swv, int Pupils)[] SpecialSchools =
    [
        ("sbo", "GM0935", "maastricht-heuvelland", "swv-po-maastricht-heuvelland", 118),
        ("sbo", "GM1883", "westelijke-mijnstreek", "swv-po-westelijke-mijnstreek", 164),
        ("vso", "GM0917", "parkstad", "swv-vo-parkstad", 142),
    ];

    /// <summary>The public count in one cell of special-education-pupils (type "*": the total).</summary>
    private static double Duo(string type, string level, string area) => SpecialSchools
        .Where(s => (type == "*" || type == s.Type) && level switch
        {
            "region" => true,
            "bySubRegion" => area == s.SubRegion,
            "byMunicipality" => area == s.Municipality,
            _ => area == s.Swv,
        })
        .Sum(s => s.Pupils);

    private async Task AdmitAsync(string kind, string home, string school, string location, string swv, string? receiving)
    {
        var id = NextId();
        var requested = On(2026, 11, 2);
        await PublishAsync(new Platform.Contracts.Funding.TlvRequested(id, Guid.NewGuid(), "cr1-t", home, school, location, swv, kind, new DateOnly(2026, 12, 14), requested));
        await PublishAsync(new Platform.Contracts.Funding.TlvDecided(id, "cr1-t", home, swv, "granted", kind, kind == "sbo" ? null : "midden", receiving,
            new DateOnly(2026, 11, 16), new DateOnly(2027, 7, 31), requested, On(2026, 11, 16)));
    }

    [Fact]
    public async Task Special_education_by_type_minus_the_public_pupil_count_recovers_no_admission_count_below_5()
    {
        await AdmitAsync("sbo", Maastricht, DeLinde, "27DL00", "swv-po-maastricht-heuvelland", "27HK00");
        for (var i = 0; i < 3; i++) await AdmitAsync("vso", "GM0928", "school-vo-college-parkstad", "30CP00", "swv-vo-parkstad", "19DB00");
        for (var i = 0; i < 2; i++) await AdmitAsync("so", Heerlen, HetPalet, "19HP00", "swv-po-parkstad", null);
        // Referrals enough to judge the noise on (AssertNoised wants shown counts).
        for (var i = 0; i < 9; i++) await ReferAsync(Maastricht, On(2026, 11, 10));
        for (var i = 0; i < 7; i++) await ReferAsync(Heerlen, On(2026, 11, 11), HetPalet);
        await WaitForJournalAsync();

        var (nov, areas) = await PublishedAsync("2026-11");
        var trueNov = await TrueFiguresAsync("2026-11");
        AssertNoised((nov, trueNov));
        var trueValues = await TrueValuesAsync("2026-11");
        var truth = Truth("nov", trueValues);
        var attacker = new DisclosureAttacker(CellKeyPerturbation.MaxNoise);
        var control = new DisclosureAttacker(0);
        foreach (var (who, figures) in new[] { (attacker, nov), (control, trueNov) })
        {
            who.SawPeriod("nov", figures);
            who.TableIdentities("nov", figures, areas);
            foreach (var (row, type) in figures.Keys.Where(k => k == "special-education-pupils" || k.StartsWith("special-education-pupils:", StringComparison.Ordinal))
                         .Select(k => (k, k.Contains(':') ? k.Split(':')[1] : "*")))
                foreach (var (level, area, _) in DisclosureAttacker.Cells(figures[row]))
                {
                    // pupils = DUO's public count + admissions since the count date; admissions are 0 or more, and are where the children live too.
                    var (admissions, duo) = (DisclosureAttacker.Var("admitted", type, level, area), DisclosureAttacker.Var("duo", type, level, area));
                    who.Knows(duo, Duo(type, level, area));
                    who.AtLeast(admissions, 0);
                    who.Equation((1, DisclosureAttacker.Var("nov", row, level, area)), (-1, duo), (-1, admissions));
                    truth[admissions] = trueValues[(row, level, area)] - Duo(type, level, area);
                }
            foreach (var type in new[] { "sbo", "so", "vso" }.Where(t => figures.ContainsKey($"special-education-by-residence:{t}")))
                who.Equation((1, DisclosureAttacker.Var("admitted", type, "region", "region")), (-1, DisclosureAttacker.Var("nov", $"special-education-by-residence:{type}", "region", "region")));
            who.Solve();
        }
        Assert.Equal((1, 3, 2), (truth[DisclosureAttacker.Var("admitted", "sbo", "byMunicipality", Maastricht)],
            truth[DisclosureAttacker.Var("admitted", "vso", "byMunicipality", "GM0928")], truth[DisclosureAttacker.Var("admitted", "so", "byMunicipality", Heerlen)]));
        AssertNothingRecovered(attacker, control, truth, "special education by type minus DUO's public count");
    }
}
