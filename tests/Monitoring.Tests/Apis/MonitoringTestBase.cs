using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using System.Globalization;
using Platform.Contracts;
using Platform.Monitoring.Apis;
using Platform.Monitoring.Baselines;
using Platform.Monitoring.Domain;
using Platform.Monitoring.Figures;
using FigureCell = Platform.Monitoring.Figures.Cell;
using Platform.Monitoring.Infrastructure;
using Platform.TestInfrastructure;

namespace Platform.Monitoring.Tests.Apis;

/// <summary>One Monitoring per test class, with the demo directory and a fixed "today" (15 January 2027).</summary>
public abstract class MonitoringTestBase(TestServersFixture fixture) : ServiceTestBase<Program, MonitoringDbContext>(fixture)
{
    protected readonly FakeTimeProvider Clock = new(new DateTimeOffset(2027, 1, 15, 10, 0, 0, TimeSpan.Zero));
    protected ServiceFactory<Program, MonitoringDbContext> Monitoring => Service;
    private int _published;
    private readonly Dictionary<Guid, int> _sent = [];

    protected override ServiceSetup Setup => new() { Clock = Clock };

    protected HttpClient As(string organisation = "swv-po-parkstad", string type = "swv", params string[] roles) =>
        Monitoring.WithToken(Tokens.For(organisation, Audience, type, roles: roles));

    protected HttpClient AsRegionOffice => As("regio-zuid-limburg", "region", "monitoring-admin");

    /// <summary>Publishes on the real broker; with <paramref name="messageId"/> a redelivery of the same message can be staged.</summary>
    protected async Task PublishAsync(IIntegrationEvent message, Guid? messageId = null, bool counts = true)
    {
        var id = await Monitoring.PublishAsync(message, messageId);
        _sent[id] = _sent.GetValueOrDefault(id) + 1;
        if (counts) _published++;
    }

    /// <summary>
    /// Waits until every counted message is in the journal (consumed and committed), and every
    /// message sent, redeliveries included, has been through its consumer: a redelivery leaves no
    /// row, so only its consumption shows that it was stopped.
    /// </summary>
    protected async Task WaitForJournalAsync()
    {
        await Eventually.ValueAsync(JournalCountAsync, count => count >= _published, $"{_published} messages in the journal",
            TimeSpan.FromSeconds(60), Ct);
        foreach (var (id, times) in _sent) await Monitoring.Consumed.WaitForAsync(id, times);
    }

    protected async Task<int> JournalCountAsync()
    {
        await using var scope = Monitoring.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<MonitoringDbContext>().Journal.CountAsync(Ct);
    }

    protected async Task<Dictionary<string, JsonElement>> IndicatorsAsync(string period, HttpClient? client = null, string? baseline = null)
    {
        var url = $"/api/monitoring/indicators?period={period}" + (baseline is null ? "" : $"&baseline={Uri.EscapeDataString(baseline)}");
        var response = await (client ?? As()).GetAsync(url, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        return body.GetProperty("indicators").EnumerateArray().ToDictionary(i => i.GetProperty("indicator").GetString()!, i => i);
    }

    /// <summary>
    /// The true figures of a period, without the cell-key noise, in the API's shape: what the service keeps
    /// inside (FiguresSource) and never sends out. For checking hand-counted figures and which cells are
    /// hidden; any period, ended or not. What is published is <see cref="IndicatorsAsync"/>.
    /// </summary>
    protected async Task<Dictionary<string, JsonElement>> TrueFiguresAsync(string period)
    {
        Assert.True(Period.TryParse(period, out var chosen));
        await using var scope = Monitoring.Services.CreateAsyncScope();
        var (map, figures) = await scope.ServiceProvider.GetRequiredService<FiguresSource>().ComputeAsync(chosen, Ct);
        static FigureCell True(FigureCell cell, IndicatorKind kind) =>
            cell.IsShown ? FigureCell.Exact(cell.Value!.Value, BaselineFigures.DecimalsOf(kind)) : cell;
        static AreaFigures TrueArea(AreaFigures a, IndicatorKind kind) => new(True(a.Region, kind),
            a.BySubRegion.ToDictionary(c => c.Key, c => True(c.Value, kind)), a.ByMunicipality.ToDictionary(c => c.Key, c => True(c.Value, kind)),
            a.BySwv.ToDictionary(c => c.Key, c => True(c.Value, kind)));
        var unperturbed = new PeriodFigures(figures.Period, figures.ReferenceDate, [.. figures.Indicators.Select(i => new IndicatorFigures(i.Definition,
            TrueArea(i.Total, i.Definition.Kind), i.ByDimension.ToDictionary(d => d.Key, d => TrueArea(d.Value, i.Definition.Kind))))]);
        var json = JsonSerializer.SerializeToElement(IndicatorsResponses.From(map, unperturbed, null, Clock.GetUtcNow()), new JsonSerializerOptions(JsonSerializerDefaults.Web));
        return json.GetProperty("indicators").EnumerateArray().ToDictionary(i => i.GetProperty("indicator").GetString()!, i => i);
    }

    /// <summary>Every cell's true value (hidden ones too) of a period, by (row, level, area) as the API names them: the service's inside, for judging attacks.</summary>
    protected async Task<Dictionary<(string Row, string Level, string Area), double>> TrueValuesAsync(string period)
    {
        Assert.True(Period.TryParse(period, out var chosen));
        await using var scope = Monitoring.Services.CreateAsyncScope();
        var (_, figures) = await scope.ServiceProvider.GetRequiredService<FiguresSource>().ComputeAsync(chosen, Ct);
        var values = new Dictionary<(string, string, string), double>();
        foreach (var (id, _, _, row) in BaselineFigures.Rows(figures))
            foreach (var (area, cell) in row.Cells())
            {
                var level = area.Level switch { Area.RegionLevel => "region", Area.SubRegionLevel => "bySubRegion", Area.MunicipalityLevel => "byMunicipality", _ => "bySwv" };
                values[(id, level, area.Id)] = cell.Value ?? 0;
            }
        return values;
    }

    /// <summary>
    /// What is published is the truth with the cell-key noise (ADR-0014): the same cells hidden, a count of
    /// children within ±2 of its true value (never below 5), a share or median, or what is not about
    /// children (arrangements, places), as near as the noise allows or exact.
    /// </summary>
    protected static void AssertPublishedIsTheTruthWithNoise(Dictionary<string, JsonElement> truth, Dictionary<string, JsonElement> published)
    {
        Assert.Equal(truth.Keys.Order(), published.Keys.Order());
        foreach (var (id, row) in truth)
        {
            var definition = IndicatorCatalog.ById[id.Split(':')[0]];
            foreach (var (level, area, value) in AllCells(row))
            {
                var shown = AllCells(published[id]).Single(c => c.Level == level && c.Area == area).Value;
                var where = $"{id} {level} {area}: true {value}, published {shown}";
                Assert.True((value == "<5") == (shown == "<5"), where);
                if (value == "<5") continue;
                var (t, p) = (double.Parse(value, CultureInfo.InvariantCulture), double.Parse(shown, CultureInfo.InvariantCulture));
                if (!definition.AboutChildren || definition.Kind == IndicatorKind.Median) Assert.True(t == p, where);
                else if (definition.Kind == IndicatorKind.Percentage) Assert.InRange(p, 0, 100);
                else Assert.True(Math.Abs(t - p) <= CellKeyPerturbation.MaxNoise && p >= SmallCellSuppression.Threshold, where);
            }
        }
    }

    /// <summary>Every cell of a row of the API: (level, area id, figure); the region as ("region", "region").</summary>
    protected static IEnumerable<(string Level, string Area, string Value)> AllCells(JsonElement row)
    {
        yield return ("region", "region", row.GetProperty("region").GetString()!);
        foreach (var level in new[] { "bySubRegion", "byMunicipality", "bySwv" })
            foreach (var cell in row.GetProperty(level).EnumerateObject()) yield return (level, cell.Name, cell.Value.GetString()!);
    }

    protected static string Region(Dictionary<string, JsonElement> figures, string indicator) => figures[indicator].GetProperty("region").GetString()!;

    protected static string Cell(Dictionary<string, JsonElement> figures, string indicator, string level, string area) =>
        figures[indicator].GetProperty(level).GetProperty(area).GetString()!;
}
