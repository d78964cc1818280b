using Platform.ServiceDefaults;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Platform.AppHost;

namespace Platform.Reliability.Tests.Platform;

/// <summary>
/// The whole platform as the AppHost starts it (PostgreSQL, RabbitMQ, Identity, every service, the
/// gateway), as local processes the suite can kill, pause and restart. Monitoring's database gets a
/// PostgreSQL server of its own, as each service has in production, so that one service's database
/// can go down while the rest of the platform carries on.
/// </summary>
public sealed class FaultPlatform : IAsyncDisposable
{
    /// <summary>The service whose PostgreSQL server the suite stops.</summary>
    public const string ServiceWithOwnDatabaseServer = ResourceNames.Monitoring;
    public const string OwnDatabase = ResourceNames.MonitoringDb;
    public const string OwnDatabaseServer = $"{ResourceNames.Postgres}-{ResourceNames.MonitoringDb}";
    public const string BrokerResource = "rabbitmq";

    private readonly string _data;
    private readonly DistributedApplication _app;
    private ConsoleLogs? _logs;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Npgsql.NpgsqlDataSource> _databases = new();

    private FaultPlatform(string data, DistributedApplication app, HttpClient gateway, BrokerClient broker)
    {
        _data = data;
        _app = app;
        Gateway = gateway;
        Broker = broker;
        Resources = new PlatformResources(app);
    }

    public HttpClient Gateway { get; }
    public BrokerClient Broker { get; }
    public PlatformResources Resources { get; }

    /// <summary>A client straight to a service, past the gateway (for /health).</summary>
    public HttpClient ServiceClient(string service)
    {
        var client = _app.CreateHttpClient(service, "http");
        client.Timeout = TimeSpan.FromSeconds(10);
        return client;
    }

    public static async Task<FaultPlatform> StartAsync(CancellationToken ct)
    {
        var data = Directory.CreateTempSubdirectory("platform-faults-").FullName;
        var appHost = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
        [
            $"Platform:LocalInfrastructure:DataDirectory={data}",
            $"Platform:OwnDatabaseServers={OwnDatabase}",
            // Processes, even where containers could run: the suite signals them (SIGKILL, SIGSTOP, SIGQUIT).
            "Platform:Infrastructure=local",
            "DcpPublisher:RandomizePorts=true",
        ], ct);
        foreach (var project in appHost.Resources.OfType<ProjectResource>())
            project.Annotations.Add(new EnvironmentCallbackAnnotation(env =>
            {
                // The journeys come from one client at a steady rate far below the real limit, but the
                // retries after a fault come in bursts; the limiter is not what is under test here.
                env.EnvironmentVariables["Gateway__Limits__RequestsPerSecond"] = "1000";
                env.EnvironmentVariables["Gateway__Limits__Burst"] = "1000";
                // Quiet consoles: the suite reads the database, not the logs.
                env.EnvironmentVariables["Logging__LogLevel__Default"] = "Warning";
            }));
        var app = await appHost.BuildAsync(ct);
        var logs = ConsoleLogs.Follow(app, LogDirectory());
        using var startup = CancellationTokenSource.CreateLinkedTokenSource(ct);
        startup.CancelAfter(TimeSpan.FromMinutes(5));
        await app.StartAsync(startup.Token);
        await app.ResourceNotifications.WaitForResourceAsync(ResourceNames.Gateway, KnownResourceStates.Running, startup.Token);

        var gateway = app.CreateHttpClient(ResourceNames.Gateway, "http");
        gateway.Timeout = TimeSpan.FromSeconds(15);
        var amqp = await app.GetConnectionStringAsync(ResourceNames.Messaging, startup.Token)
                   ?? throw new InvalidOperationException("No messaging connection string.");
        var platform = new FaultPlatform(data, app, gateway, new BrokerClient(amqp)) { _logs = logs };
        // Running is not ready: wait until Identity hands out tokens through the gateway.
        while (await DemoClients.TokenAsync(gateway, DemoClients.School, startup.Token) is null)
            await Task.Delay(500, startup.Token);
        return platform;
    }

    /// <summary>Every resource's console output, one file each, kept after the run for whoever reads a failure.</summary>
    public static string LogDirectory() => Path.Combine(RepositoryPaths.Root(), "TestResults", "reliability-logs");

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
        await Broker.DisposeAsync();
        foreach (var source in _databases.Values) await source.DisposeAsync();
        // Nothing may stay paused: a stopped process would outlive the AppHost.
        Resources.ContinueAll();
        await _app.DisposeAsync();
        if (_logs is not null) await _logs.DisposeAsync();
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
