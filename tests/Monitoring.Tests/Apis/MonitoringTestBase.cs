using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Platform.Contracts;
using Platform.Monitoring.Infrastructure;
using Platform.TestInfrastructure;

namespace Platform.Monitoring.Tests.Apis;

/// <summary>One Monitoring per test class, with the demo directory and a fixed "today" (15 January 2027).</summary>
public abstract class MonitoringTestBase(TestServersFixture fixture) : IAsyncLifetime
{
    protected readonly TestTokens Tokens = new();
    protected readonly FakeTimeProvider Clock = new(new DateTimeOffset(2027, 1, 15, 10, 0, 0, TimeSpan.Zero));
    protected MonitoringFactory Monitoring = null!;
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;
    private int _published;

    public async ValueTask InitializeAsync()
    {
        Monitoring = new MonitoringFactory(TestDatabase.NewConnectionString(fixture.Servers, "monitoring"),
            await TestVirtualHost.CreateAsync(fixture.Servers, "monitoring"), Tokens, Clock);
        _ = Monitoring.Server;
    }

    public async ValueTask DisposeAsync() => await Monitoring.DisposeAsync();

    protected HttpClient As(string organisation = "swv-po-parkstad", string type = "swv", params string[] roles)
    {
        var client = Monitoring.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Tokens.For(organisation, "monitoring-api", type, roles: roles));
        return client;
    }

    protected HttpClient AsRegionOffice => As("regio-zuid-limburg", "region", "monitoring-admin");

    /// <summary>Publishes on the real broker; with <paramref name="messageId"/> a redelivery of the same message can be staged.</summary>
    protected async Task PublishAsync(IIntegrationEvent message, Guid? messageId = null, bool counts = true)
    {
        var bus = Monitoring.Services.GetRequiredService<IBus>();
        await bus.Publish(message, message.GetType(), context => { if (messageId is { } id) context.MessageId = id; }, Ct);
        if (counts) _published++;
    }

    /// <summary>Waits until every counted message is in the journal (consumed and committed).</summary>
    protected async Task WaitForJournalAsync()
    {
        for (var i = 0; i < 600; i++)
        {
            if (await JournalCountAsync() >= _published) return;
            await Task.Delay(100, Ct);
        }
        throw new TimeoutException($"The journal has {await JournalCountAsync()} of {_published} messages.");
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

    protected static string Region(Dictionary<string, JsonElement> figures, string indicator) => figures[indicator].GetProperty("region").GetString()!;

    protected static string Cell(Dictionary<string, JsonElement> figures, string indicator, string level, string area) =>
        figures[indicator].GetProperty(level).GetProperty(area).GetString()!;
}
