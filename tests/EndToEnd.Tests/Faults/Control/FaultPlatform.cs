using Platform.ServiceDefaults;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Platform.AppHost;

namespace Platform.EndToEnd.Tests.Faults.Control;

/// <summary>
/// The end-to-end suite's platform (<see cref="PlatformFixture"/>) seen as the fault suite needs it: its
/// processes to kill, pause and restart, its broker, every service's database. The fixture starts the
/// platform as local processes with Monitoring's database on a PostgreSQL server of its own, as each
/// service has in production, so that one service's database can go down while the rest carries on.
/// The fault suite runs last, alone, on the same platform (one platform start per CI run, not two).
/// </summary>
public sealed class FaultPlatform : IAsyncDisposable
{
    /// <summary>The service whose PostgreSQL server the suite stops.</summary>
    public const string ServiceWithOwnDatabaseServer = ResourceNames.Monitoring;
    public const string OwnDatabase = ResourceNames.MonitoringDb;
    public const string OwnDatabaseServer = $"{ResourceNames.Postgres}-{ResourceNames.MonitoringDb}";
    public const string BrokerResource = "rabbitmq";

    /// <summary>The broker's nodes, first node first: <see cref="BrokerResource"/>, and rabbitmq-2, -3 where it is a cluster.</summary>
    public IReadOnlyList<string> BrokerNodes =>
        [.. _app.Services.GetRequiredService<DistributedApplicationModel>().Resources.Select(r => r.Name)
            .Where(n => n == BrokerResource || System.Text.RegularExpressions.Regex.IsMatch(n, $"^{BrokerResource}-[0-9]+$"))
            .OrderBy(n => n.Length).ThenBy(n => n, StringComparer.Ordinal)];

    private readonly DistributedApplication _app;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Npgsql.NpgsqlDataSource> _databases = new();

    private readonly PlatformFixture _fixture;

    private FaultPlatform(PlatformFixture fixture, HttpClient gateway, BrokerClient broker, Alerts? alerts)
    {
        _fixture = fixture;
        var app = fixture.App;
        _app = app;
        Alerts = alerts;
        Gateway = gateway;
        Broker = broker;
        Resources = new PlatformResources(app);
    }

    public HttpClient Gateway { get; }
    public BrokerClient Broker { get; }
    public PlatformResources Resources { get; }

    /// <summary>The partitionable path of <see cref="PlatformFixture.PartitionedService"/> to the broker, where the profile has one.</summary>
    public NetworkPartition? Partition => _fixture.Partition;

    /// <summary>Why there is no <see cref="Partition"/> in a profile that asks for one.</summary>
    public string? PartitionNotMadeBecause => _fixture.PartitionNotMadeBecause;

    /// <summary>The local Prometheus's alerts; null where the AppHost runs none (no prometheus package, containers).</summary>
    public Alerts? Alerts { get; }

    /// <summary>A client straight to a service, past the gateway (for /health).</summary>
    public HttpClient ServiceClient(string service)
    {
        var client = _app.CreateHttpClient(service, "http");
        client.Timeout = TimeSpan.FromSeconds(10);
        return client;
    }

    /// <summary>
    /// Polls <paramref name="service"/>'s /health until it answers 200 with <paramref name="status"/> (Healthy, Degraded);
    /// null when it did within <paramref name="limit"/>, otherwise the last answer seen, for the failure message.
    /// </summary>
    public async Task<string?> AwaitHealthAsync(string service, string status, TimeSpan limit, CancellationToken ct)
    {
        using var client = ServiceClient(service);
        var last = "";
        try
        {
            await Platform.TestInfrastructure.Eventually.TrueAsync(async () =>
            {
                using var response = await client.GetAsync("/health", ct);
                last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}";
                return last.StartsWith($"200 {status}", StringComparison.Ordinal);
            }, $"{service} {status}", limit, ct);
            return null;
        }
        catch (TimeoutException)
        {
            return last;
        }
    }

    public static async Task<FaultPlatform> AttachAsync(PlatformFixture platform, CancellationToken ct)
    {
        var app = platform.App;
        var gateway = app.CreateHttpClient(ResourceNames.Gateway, "http");
        gateway.Timeout = TimeSpan.FromSeconds(15);
        var amqp = await app.GetConnectionStringAsync(ResourceNames.Messaging, ct)
                   ?? throw new InvalidOperationException("No messaging connection string.");
        var model = app.Services.GetRequiredService<DistributedApplicationModel>();
        var alerts = model.Resources.Any(r => r.Name == ResourceNames.Prometheus)
            ? new Alerts(app.CreateHttpClient(ResourceNames.Prometheus, "http"))
            : null;
        return new FaultPlatform(platform, gateway, new BrokerClient(amqp), alerts);
    }

    /// <summary>Sets <paramref name="service"/>'s clock <paramref name="offset"/> ahead of the machine's; it sees it within half a second.</summary>
    public Task ShiftClockAsync(string service, TimeSpan offset) => _fixture.ShiftClockAsync(service, offset);

    public async Task<string> ConnectionStringAsync(string resource) =>
        await _app.GetConnectionStringAsync(resource) ?? throw new InvalidOperationException($"No connection string '{resource}'.");

    /// <summary>One pooled data source per service database, shared by the reconciliation and the faults.</summary>
    public async Task<Npgsql.NpgsqlDataSource> DatabaseAsync(string database)
    {
        if (_databases.TryGetValue(database, out var source)) return source;
        source = Npgsql.NpgsqlDataSource.Create(await ConnectionStringAsync(database));
        return _databases.TryAdd(database, source) ? source : _databases[database];
    }

    public async ValueTask DisposeAsync()
    {
        Gateway.Dispose();
        Alerts?.Dispose();
        await Broker.DisposeAsync();
        foreach (var source in _databases.Values) await source.DisposeAsync();
        // Nothing may stay paused: a stopped process would outlive the AppHost. The AppHost itself is the fixture's.
        Resources.ContinueAll();
    }
}
