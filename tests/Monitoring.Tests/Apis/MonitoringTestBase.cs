using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Platform.Contracts;
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

    protected static string Region(Dictionary<string, JsonElement> figures, string indicator) => figures[indicator].GetProperty("region").GetString()!;

    protected static string Cell(Dictionary<string, JsonElement> figures, string indicator, string level, string area) =>
        figures[indicator].GetProperty(level).GetProperty(area).GetString()!;
}
