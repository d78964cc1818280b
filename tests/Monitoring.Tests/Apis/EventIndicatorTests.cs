using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Attendance;
using Platform.Contracts.Funding;
using Platform.Contracts.Handover;
using Platform.TestInfrastructure;

namespace Platform.Monitoring.Tests.Apis;

/// <summary>A known stream of Attendance and Handover events, checked against hand-counted figures.</summary>
public sealed class EventIndicatorTests(TestServersFixture fixture) : IAsyncLifetime
{
    private readonly TestTokens _tokens = new();
    private MonitoringFactory _monitoring = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly DateTimeOffset March = new(2026, 3, 10, 9, 0, 0, TimeSpan.Zero);

    public async ValueTask InitializeAsync()
    {
        _monitoring = new MonitoringFactory(
            TestDatabase.NewConnectionString(fixture.Servers, "facts"),
            await TestVirtualHost.CreateAsync(fixture.Servers, "facts"), _tokens);
        _ = _monitoring.Server;
    }

    public async ValueTask DisposeAsync() => await _monitoring.DisposeAsync();

    private async Task<Dictionary<string, JsonElement>> IndicatorsAsync()
    {
        var client = _monitoring.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _tokens.For("swv-po-parkstad", "monitoring-api", "swv"));
        var response = await client.GetFromJsonAsync<JsonElement>("/api/monitoring/indicators?period=2026-03", Ct);
        return response.GetProperty("indicators").EnumerateArray().ToDictionary(i => i.GetProperty("indicator").GetString()!, i => i);
    }

    [Fact]
    public async Task Thuiszitters_exemptions_and_handovers_are_counted_once_with_small_cells_hidden()
    {
        var bus = _monitoring.Services.GetRequiredService<IBus>();
        var maastricht = Enumerable.Range(0, 6).Select(_ => Guid.NewGuid()).ToList();
        foreach (var id in maastricht)
            await bus.Publish(new ThuiszitterRegistered(id, "cr1-x", "GM0935", "long-term-relative", new DateOnly(2026, 1, 5), new DateOnly(2026, 4, 7), new DateOnly(2026, 4, 5), March), Ct);
        var heerlen = Guid.NewGuid();
        await bus.Publish(new ThuiszitterRegistered(heerlen, "cr1-y", "GM0917", "absolute", new DateOnly(2026, 2, 1), new DateOnly(2026, 4, 7), new DateOnly(2026, 5, 1), March), Ct);
        // The same registration again (a replay under a new message id): counted once.
        await bus.Publish(new ThuiszitterRegistered(heerlen, "cr1-y", "GM0917", "absolute", new DateOnly(2026, 2, 1), new DateOnly(2026, 4, 7), new DateOnly(2026, 5, 1), March), Ct);
        for (var i = 0; i < 5; i++)
            await bus.Publish(new ExemptionGranted(Guid.NewGuid(), "cr1-z", "GM0935", "5a", new DateOnly(2026, 3, 1), new DateOnly(2026, 7, 31), March), Ct);
        await bus.Publish(new ExemptionGranted(Guid.NewGuid(), "cr1-z", "GM0935", "5c", new DateOnly(2026, 3, 1), new DateOnly(2026, 7, 31), March), Ct);
        for (var i = 0; i < 6; i++)
            await bus.Publish(new HandoverCompleted(Guid.NewGuid(), "cr1-h", "sbo-to-primary", "school-sbo", "school-po", March, OnTime: i < 5, Terugplaatsing: true), Ct);

        Dictionary<string, JsonElement> indicators = [];
        for (var attempt = 0; attempt < 300; attempt++)
        {
            indicators = await IndicatorsAsync();
            if (indicators["thuiszitters-new"].GetProperty("region").GetString() == "7"
                && indicators["exemptions-granted"].GetProperty("region").GetString() == "6"
                && indicators["handovers-completed"].GetProperty("region").GetString() == "6") break;
            await Task.Delay(100, Ct);
        }
        await Task.Delay(500, Ct);
        indicators = await IndicatorsAsync();

        string Region(string name) => indicators[name].GetProperty("region").GetString()!;
        string Cell(string name, string municipality) => indicators[name].GetProperty("byMunicipality").GetProperty(municipality).GetString()!;

        Assert.Equal("7", Region("thuiszitters-new"));
        // Heerlen's single case is hidden, and so is Maastricht's 6, or 7 - 6 would reveal it.
        Assert.Equal(("<5", "<5"), (Cell("thuiszitters-new", "GM0917"), Cell("thuiszitters-new", "GM0935")));
        // By kind: 6 and 1. The 1 is hidden, so the 6 must be too (7 - 6 = 1).
        Assert.Equal(("<5", "<5"), (Region("thuiszitters-new:long-term-relative"), Region("thuiszitters-new:absolute")));

        Assert.Equal("6", Region("exemptions-granted"));
        // 5c has 1; showing 5a's 5 beside the total of 6 would reveal it: both hidden.
        Assert.Equal(("<5", "<5"), (Region("exemptions-granted:5a"), Region("exemptions-granted:5c")));

        Assert.Equal(("6", "<5", "<5"), (Region("handovers-completed"), Region("handovers-completed:on-time"), Region("handovers-completed:late")));
        Assert.Equal("6", Region("terugplaatsingen"));
        Assert.Equal("<5", Region("thuiszitters-escalated"));
    }

    [Fact]
    public async Task Funding_placements_count_individual_decisions_replaced_and_escalations_by_cause()
    {
        var bus = _monitoring.Services.GetRequiredService<IBus>();
        var arrangement = Guid.NewGuid();
        for (var i = 0; i < 7; i++)
            await bus.Publish(new PlacementConfirmed(Guid.NewGuid(), Guid.NewGuid(), $"cr1-p{i}", arrangement, "collective", new DateOnly(2026, 3, 16), March, "GM0935"), Ct);
        var individual = new PlacementConfirmed(Guid.NewGuid(), Guid.NewGuid(), "cr1-i", Guid.NewGuid(), "individual", new DateOnly(2026, 3, 16), March, "GM0917");
        for (var i = 0; i < 3; i++) await bus.Publish(individual, Ct); // redelivered: one placement
        for (var i = 0; i < 6; i++)
            await bus.Publish(new ArrangementEscalated(Guid.NewGuid(), i < 4 ? "rejected" : "deadline", "escalatietafel-zuid-limburg", March), Ct);
        await bus.Publish(new ArrangementActivated(arrangement, "collective", "school-bs-de-linde", 12, 10_000_000, new DateOnly(2026, 3, 1), new DateOnly(2026, 7, 31), false, March), Ct);

        Dictionary<string, JsonElement> indicators = [];
        for (var attempt = 0; attempt < 300; attempt++)
        {
            indicators = await IndicatorsAsync();
            if (indicators["placements"].GetProperty("region").GetString() == "8"
                && indicators["funding-escalations"].GetProperty("region").GetString() == "6"
                && indicators["arrangements-activated"].GetProperty("region").GetString() == "<5") break;
            await Task.Delay(100, Ct);
        }
        await Task.Delay(500, Ct);
        indicators = await IndicatorsAsync();
        string Region(string name) => indicators[name].GetProperty("region").GetString()!;

        Assert.Equal("8", Region("placements"));
        // Seven collective places replaced seven individual decisions; the one individual placement is hidden, so the 7 is too (8 - 7 = 1).
        Assert.Equal(("<5", "<5"), (Region("placements:collective"), Region("placements:individual")));
        Assert.Equal("<5", indicators["placements"].GetProperty("byMunicipality").GetProperty("GM0935").GetString());
        Assert.Equal("6", Region("funding-escalations"));
        Assert.Equal(("<5", "<5"), (Region("funding-escalations:rejected"), Region("funding-escalations:deadline")));
        Assert.Equal("<5", Region("arrangements-activated"));
    }
}
