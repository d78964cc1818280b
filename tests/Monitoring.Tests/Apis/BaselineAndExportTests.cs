using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Contracts.Attendance;
using Platform.Contracts.Intake;
using Platform.Monitoring.Domain;
using Platform.TestInfrastructure;

namespace Platform.Monitoring.Tests.Apis;

/// <summary>The 0-meting, the comparison with it, the CSV export and the page, on the real service.</summary>
public sealed class BaselineAndExportTests(TestServersFixture fixture) : MonitoringTestBase(fixture)
{
    private static readonly DateTimeOffset November = new(2026, 11, 10, 9, 0, 0, TimeSpan.Zero);

    private async Task ReferAsync(string municipality, int count)
    {
        for (var i = 0; i < count; i++)
            await PublishAsync(new ReferralSubmitted(Guid.NewGuid(), "cr1-x", "school-bs-de-linde", "school", municipality, ["learning"], "soon", November));
        await WaitForJournalAsync();
    }

    [Fact]
    public async Task The_region_s_office_takes_a_baseline_once_under_a_name_and_later_figures_are_compared_with_it()
    {
        await ReferAsync("GM0935", 7);
        await ReferAsync("GM0917", 6);

        var taken = await AsRegionOffice.PostAsJsonAsync("/api/monitoring/baselines", new { name = "0-meting najaar 2026", period = "2026-11" }, Ct);
        Assert.Equal(HttpStatusCode.Created, taken.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await AsRegionOffice.PostAsJsonAsync("/api/monitoring/baselines", new { name = "0-meting najaar 2026", period = "2026-12" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await As("gemeente-maastricht", "municipality").PostAsJsonAsync("/api/monitoring/baselines", new { name = "mine", period = "2026-11" }, Ct)).StatusCode);
        var bad = await AsRegionOffice.PostAsJsonAsync("/api/monitoring/baselines", new { name = "", period = "najaar" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("name", out _) && errors.TryGetProperty("period", out _), errors.ToString());
        var list = await As().GetFromJsonAsync<JsonElement>("/api/monitoring/baselines", Ct);
        Assert.Equal("2026-11", list.GetProperty("items").EnumerateArray().Single().GetProperty("period").GetString());
        var then = (await IndicatorsAsync("2026-11"))["referrals-received"];
        // Of a period that has not ended (January 2027, today 15 January) no baseline: 422 naming the period.
        var running = await AsRegionOffice.PostAsJsonAsync("/api/monitoring/baselines", new { name = "januari", period = "2027-01" }, Ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, running.StatusCode);
        Assert.True((await running.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("period", out _));

        // Late events: 5 more referrals from Heerlen dated November. The baseline stays as it was published.
        await ReferAsync("GM0917", 5);
        var compared = await IndicatorsAsync("2026-11", baseline: "0-meting najaar 2026");
        var referrals = compared["referrals-received"];
        Assert.Equal(("18", "11"), (Region(await TrueFiguresAsync("2026-11"), "referrals-received"), Cell(await TrueFiguresAsync("2026-11"), "referrals-received", "byMunicipality", "GM0917")));
        // The baseline column is what November published then (13 and Heerlen's 6 with their noise); the change is
        // published now minus published then: 5 ± 4, never the exact number of referrals that came in.
        foreach (var (level, area) in new[] { ("region", "region"), ("byMunicipality", "GM0917") })
        {
            string At(JsonElement row) => level == "region" ? row.GetProperty("region").GetString()! : row.GetProperty(level).GetProperty(area).GetString()!;
            Assert.Equal(At(then), At(referrals.GetProperty("baseline")));
            var change = int.Parse(At(referrals.GetProperty("change")), System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(int.Parse(At(referrals)) - int.Parse(At(then)), change);
            Assert.InRange(change, 5 - 2 * CellKeyPerturbation.MaxNoise, 5 + 2 * CellKeyPerturbation.MaxNoise);
        }
        // A change computed from a hidden figure is hidden too.
        Assert.Equal("<5", referrals.GetProperty("change").GetProperty("byMunicipality").GetProperty("GM0888").GetString());

        var unknown = await As().GetAsync("/api/monitoring/indicators?period=2026-11&baseline=nulmeting-2019", Ct);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.True((await unknown.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("baseline", out _));
    }

    [Fact]
    public async Task The_CSV_has_a_line_per_indicator_and_area_with_only_the_published_figures()
    {
        await ReferAsync("GM0935", 7);
        await ReferAsync("GM0917", 1);
        await PublishAsync(new ThuiszitterRegistered(Guid.NewGuid(), "cr1-t", "GM0935", "absolute", new DateOnly(2026, 9, 1), new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 1), November));
        await WaitForJournalAsync();

        var response = await As().GetAsync("/api/monitoring/indicators.csv?period=2026-11", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync(Ct)).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("period,indicator,title,level,area,area_name,value", lines[0]);
        // The figures the JSON publishes (8 referrals with the region's cell noise), line for line.
        var published = Region(await IndicatorsAsync("2026-11"), "referrals-received");
        Assert.InRange(int.Parse(published), 8 - CellKeyPerturbation.MaxNoise, 8 + CellKeyPerturbation.MaxNoise);
        Assert.Contains($"2026-11,referrals-received,Aanmeldingen,region,region,Zuid-Limburg,{published}", lines);
        // Heerlen's single referral is hidden, and Maastricht's 7 with it (8 - 7 = 1).
        Assert.Contains("2026-11,referrals-received,Aanmeldingen,municipality,GM0917,Heerlen,<5", lines);
        Assert.Contains("2026-11,referrals-received,Aanmeldingen,municipality,GM0935,Maastricht,<5", lines);
        Assert.DoesNotContain(lines, l => l.Contains("cr1-"));
        // Every indicator has a line for the region, each sub-region, municipality and SWV.
        Assert.Equal(1 + 4 + 16 + 7, lines.Count(l => l.StartsWith("2026-11,thuiszitters-open,", StringComparison.Ordinal)));

        var dutch = await (await As().GetAsync("/api/monitoring/indicators.csv?period=2026-11&separator=semicolon", Ct)).Content.ReadAsStringAsync(Ct);
        Assert.Contains($"2026-11;referrals-received;Aanmeldingen;region;region;Zuid-Limburg;{published}", dutch);
        Assert.Equal(HttpStatusCode.BadRequest, (await As().GetAsync("/api/monitoring/indicators.csv?separator=tab", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await As().GetAsync("/api/monitoring/indicators?period=2026-13", Ct)).StatusCode);
    }

    [Fact]
    public async Task The_page_shows_the_figures_the_API_publishes_in_Dutch()
    {
        await ReferAsync("GM0935", 9);
        var response = await As().GetAsync("/api/monitoring/dashboard?period=2026-11", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("<html lang=\"nl\">", html);
        Assert.Contains("Regionale monitor Zuid-Limburg: november 2026", html);
        Assert.Contains($"data-indicator=\"referrals-received\">{Region(await IndicatorsAsync("2026-11"), "referrals-received")}<", html);
        Assert.Contains("<svg class=\"chart\" id=\"chart-thuiszitters\"", html);
        Assert.Contains("indicators.csv?period=2026-11", html);
        Assert.DoesNotContain("cr1-", html);
        // Accessible without script: a skip link to the content, and every chart named by its title.
        Assert.Contains("<a class=\"skip\" href=\"#inhoud\">", html);
        Assert.Contains("<main id=\"inhoud\">", html);
        Assert.Contains("aria-labelledby=\"chart-thuiszitters-title chart-thuiszitters-desc\"", html);
        Assert.Contains("<title id=\"chart-thuiszitters-title\">Thuiszitters op de peildatum per subregio</title>", html);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Monitoring.CreateClient().GetAsync("/api/monitoring/dashboard", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await As().GetAsync("/api/monitoring/dashboard?period=2026-13", Ct)).StatusCode);
    }

    [Fact]
    public async Task Text_the_region_typed_is_shown_on_the_page_as_text_never_as_markup()
    {
        await ReferAsync("GM0935", 5);
        const string name = "0-meting <b>najaar</b> & \"winter\"";
        Assert.Equal(HttpStatusCode.Created, (await AsRegionOffice.PostAsJsonAsync("/api/monitoring/baselines", new { name, period = "2026-11" }, Ct)).StatusCode);

        var html = await As().GetStringAsync($"/api/monitoring/dashboard?period=2026-11&baseline={Uri.EscapeDataString(name)}", Ct);
        Assert.DoesNotContain("<b>najaar", html);
        // In the baseline choice (selected), the comparison column and the CSV link, each escaped for where it stands.
        Assert.Contains("selected>0-meting &lt;b&gt;najaar&lt;/b&gt; &amp; &quot;winter&quot; (2026-11)</option>", html);
        Assert.Contains("<th scope=\"col\">0-meting &lt;b&gt;najaar&lt;/b&gt; &amp; &quot;winter&quot;</th>", html);
        Assert.Contains($"baseline={Uri.EscapeDataString(name)}&amp;separator=semicolon", html);
        Assert.Equal(HttpStatusCode.NotFound, (await As().GetAsync("/api/monitoring/dashboard?baseline=nulmeting-2019", Ct)).StatusCode);
    }

    [Fact]
    public async Task The_OpenAPI_document_lists_indicators_csv_baselines_and_the_page()
    {
        var document = await Monitoring.CreateClient().GetFromJsonAsync<JsonElement>("/api/monitoring/openapi/v1.json", Ct);
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        foreach (var path in new[] { "/api/monitoring/indicators", "/api/monitoring/indicators.csv", "/api/monitoring/baselines", "/api/monitoring/dashboard" })
            Assert.Contains(path, paths);
    }
}
