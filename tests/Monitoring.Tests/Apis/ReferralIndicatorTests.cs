using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Intake;
using Platform.TestInfrastructure;

namespace Platform.Monitoring.Tests.Apis;

/// <summary>From Intake's event on RabbitMQ to the published figure, through the real consumer and API.</summary>
public sealed class ReferralIndicatorTests(TestServersFixture fixture) : IAsyncLifetime
{
    private readonly TestTokens _tokens = new();
    private MonitoringFactory _monitoring = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _monitoring = new MonitoringFactory(
            TestDatabase.NewConnectionString(fixture.Servers, "monitoring"),
            await TestVirtualHost.CreateAsync(fixture.Servers, "monitoring"),
            _tokens);
        _ = _monitoring.Server;
    }

    public async ValueTask DisposeAsync() => await _monitoring.DisposeAsync();

    private HttpClient Client()
    {
        var client = _monitoring.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _tokens.For("gemeente-maastricht", "monitoring-api", "municipality"));
        return client;
    }

    private static ReferralSubmitted Referral(string municipality, DateTimeOffset at) =>
        new(Guid.NewGuid(), $"cr1-{Guid.NewGuid():N}", "school-a", "school", municipality, ["learning"], "regular", at);

    private async Task<JsonElement> IndicatorAsync(string period)
    {
        var response = await Client().GetFromJsonAsync<JsonElement>($"/api/monitoring/indicators?period={period}", Ct);
        return response.GetProperty("indicators").EnumerateArray().Single(i => i.GetProperty("indicator").GetString() == "referrals-received");
    }

    [Fact]
    public async Task Referral_events_are_counted_once_per_referral_and_small_counts_are_suppressed()
    {
        var bus = _monitoring.Services.GetRequiredService<IBus>();
        var at = new DateTimeOffset(2026, 3, 10, 9, 0, 0, TimeSpan.Zero);
        var referrals = Enumerable.Range(0, 6).Select(_ => Referral("GM0935", at)).Append(Referral("GM0917", at)).ToList();
        foreach (var referral in referrals) await bus.Publish(referral, Ct);
        // The same referral again under a new message id (an operator's replay): still counted once.
        await bus.Publish(referrals[0], Ct);

        var deadline = DateTime.UtcNow.AddSeconds(30);
        JsonElement indicator;
        do
        {
            await Task.Delay(100, Ct);
            indicator = await IndicatorAsync("2026-03");
        } while (indicator.GetProperty("region").GetString() != "7" && DateTime.UtcNow < deadline);

        Assert.Equal("7", indicator.GetProperty("region").GetString());
        var byMunicipality = indicator.GetProperty("byMunicipality");
        // GM0917 has 1; hiding it alone would let 7 - 6 reveal it, so GM0935 is hidden too.
        Assert.Equal("<5", byMunicipality.GetProperty("GM0917").GetString());
        Assert.Equal("<5", byMunicipality.GetProperty("GM0935").GetString());
    }

    [Fact]
    public async Task A_malformed_period_gets_a_400_problem_naming_it()
    {
        var response = await Client().GetAsync("/api/monitoring/indicators?period=2026-13", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(problem.GetProperty("errors").TryGetProperty("period", out _));
    }
}
