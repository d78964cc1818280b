using Platform.ServiceDefaults;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Platform.AppHost;
using Platform.LocalServers;
using Platform.EndToEnd.Tests.Faults.Control;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// The whole platform as the AppHost starts it (PostgreSQL, RabbitMQ, Identity, services,
/// gateway), once for the whole assembly (an assembly fixture: the journeys' classes run in parallel
/// on it, the fault suite last and alone), on throwaway data and free ports. Every service exports its
/// telemetry to <see cref="Telemetry"/>; every resource's console output is kept there too, and in
/// <c>TestResults/platform-logs/</c>, one file per resource, for whoever reads a failure.
/// </summary>
public sealed class PlatformFixture : IAsyncLifetime
{
    // Throwaway data in memory where the machine has room (ScratchSpace): the servers' files are created by the thousand.
    private readonly string _data = ScratchSpace.NewFolder("platform-e2e-");
    private DistributedApplication? _app;
    private ConsoleLogs? _logs;

    /// <summary>The service whose path to the broker the full fault profile cuts (Faults/Injected/NetworkPartitioned.cs).</summary>
    public const string PartitionedService = ResourceNames.Subscriptions;

    /// <summary>
    /// That service's path to the broker, through a network namespace of the suite's own, in the full profile where
    /// this machine can make one; null otherwise (<see cref="PartitionNotMadeBecause"/> says why).
    /// </summary>
    public NetworkPartition? Partition { get; private set; }

    public string? PartitionNotMadeBecause { get; private set; }

    public HttpClient Gateway { get; private set; } = null!;
    public TelemetryCapture Telemetry { get; } = new();
    public DistributedApplication App => _app ?? throw new InvalidOperationException("Not started.");

    public async ValueTask InitializeAsync()
    {
        // The soak sends an hour of traffic and searches none of its telemetry: nothing kept (Soak/SoakTests.cs).
        Telemetry.Keeps = Soak.SoakTests.Requested is null;
        await Telemetry.StartAsync();
        var profile = Faults.Injected.Profile.FromEnvironment();
        if (profile.PartitionsNetwork)
        {
            PartitionNotMadeBecause = NetworkPartition.WhyNot();
            // A partition that cannot be made is a row "not run here", never a platform that does not start.
            if (PartitionNotMadeBecause is null)
                try { Partition = await NetworkPartition.CreateAsync(); }
                catch (InvalidOperationException ex) { PartitionNotMadeBecause = ex.Message; }
        }
        var appHost = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
        [
            $"Platform:LocalInfrastructure:DataDirectory={_data}",
            // Throwaway data: no fsync (the fault suite kills processes, never the machine; see Durability).
            "Platform:LocalInfrastructure:Durability=Throwaway",
            "DcpPublisher:RandomizePorts=true",
            // Processes, even where containers could run: the fault suite signals them (SIGKILL, SIGSTOP, SIGQUIT).
            "Platform:Infrastructure=local",
            // Monitoring's database on a server of its own, as each service has in production: the fault
            // suite stops it while the rest of the platform carries on.
            $"Platform:OwnDatabaseServers={ResourceNames.MonitoringDb}",
            // ...with a streaming standby its clients know, in the full fault profile, which fails it over
            // (Faults/Injected/DatabaseFailover.cs); elsewhere a standby would only cost the run its CPU.
            .. (string[])(profile.FailsOver ? [$"Platform:FailoverDatabaseServers={ResourceNames.MonitoringDb}"] : []),
            // The full profile's broker: a three-node cluster, one of whose nodes it loses (Faults/Injected/BrokerNodeLost.cs).
            .. (string[])(profile.ClustersBroker ? [$"Platform:BrokerNodes={Faults.Injected.Profile.ClusterNodes}"] : []),
            // ...and one service reaches it through a path the suite can cut (Faults/Injected/NetworkPartitioned.cs).
            .. (string[])(Partition is { } path ? [$"Platform:BrokerAddressFor:{PartitionedService}={path.BrokerAddress}"] : []),
        ]);
        var projects = appHost.Resources.OfType<ProjectResource>().ToList();
        // Each service listens on its own port, with no orchestrator proxy in front. The proxies' ports are the
        // kernel's picks, so in the ephemeral range: while a service restarts in the fault suite, the thousands of
        // connections its callers open meanwhile can take its proxy's port as their local end, and the proxy cannot
        // listen again (a CI run's intake and gateway stayed unreachable after their restarts, "Failed to connect").
        // Proxyless ports come from Aspire's own range below 32768 (AppHost appsettings.json), which the kernel
        // never hands out, and stay the same across a restart.
        foreach (var endpoint in projects.SelectMany(p => p.Annotations.OfType<EndpointAnnotation>()))
        {
            endpoint.IsProxied = false;
            endpoint.Port = null;
            endpoint.TargetPort = null;
        }
        foreach (var project in projects)
            project.Annotations.Add(new EnvironmentCallbackAnnotation(env =>
            {
                // Each service's clock can be moved by the suite (ShiftedClock, Development only): see ShiftClock.
                env.EnvironmentVariables["Platform__Clock__OffsetFile"] = ClockFile(project.Name);
                env.EnvironmentVariables["OTEL_EXPORTER_OTLP_ENDPOINT"] = Telemetry.Endpoint;
                env.EnvironmentVariables["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
                // Spans and logs within 2 s, so a test can look soon after the journey (the privacy scan waits for them);
                // metrics every 10 s. Shorter intervals cost the idle platform CPU that the test modules beside it need.
                env.EnvironmentVariables["OTEL_BSP_SCHEDULE_DELAY"] = "2000";
                env.EnvironmentVariables["OTEL_BLRP_SCHEDULE_DELAY"] = "2000";
                env.EnvironmentVariables["OTEL_METRIC_EXPORT_INTERVAL"] = "10000";
                // Workstation GC: a dozen services on two cores, each with server GC's heap and threads per core, spin
                // against each other and the test modules during collections.
                env.EnvironmentVariables["DOTNET_gcServer"] = "0";
            }));
        // The suite's classes all ask for tokens from one address at once: the per-address limit on token
        // requests (against secret guessing; tested in Gateway.Tests) would make them wait out a minute's
        // window. The per-client request limit is raised too: the classes run in parallel as a handful of
        // organisations, and the fault suite's retries after a fault come in bursts. Neither limiter is
        // under test here (Gateway.Tests tests both).
        projects.Single(p => p.Name == ResourceNames.Gateway).Annotations.Add(new EnvironmentCallbackAnnotation(env =>
        {
            env.EnvironmentVariables["Gateway__Limits__TokenRequestsPerMinute"] = "600";
            env.EnvironmentVariables["Gateway__Limits__RequestsPerSecond"] = "1000";
            env.EnvironmentVariables["Gateway__Limits__Burst"] = "1000";
        }));
        // Attendance's deadline pass every 3 s instead of 15 s: the journeys that wait on its durable timers (an
        // escalation, an offer's start date) wait for a pass, not for the clock (the timers' own tests use a fake one).
        projects.Single(p => p.Name == ResourceNames.Attendance).Annotations.Add(new EnvironmentCallbackAnnotation(env =>
            env.EnvironmentVariables["Attendance__DeadlineCheckInterval"] = "00:00:03"));
        // The portal renews a session's access token on every request (it renews within this long of the token's 15-minute
        // lifetime, so always): every page of the portal's tests goes through the renewal with the refresh token.
        projects.Single(p => p.Name == ResourceNames.Portal).Annotations.Add(new EnvironmentCallbackAnnotation(env =>
            env.EnvironmentVariables["Portal__RenewBefore"] = "00:15:00"));
        // Intake's every 5 s instead of a minute, for the fault suite's clock jump (Faults/Injected/ClockJump.cs).
        projects.Single(p => p.Name == ResourceNames.Intake).Annotations.Add(new EnvironmentCallbackAnnotation(env =>
            env.EnvironmentVariables["Intake__DeadlineCheckInterval"] = "00:00:05"));
        _app = await appHost.BuildAsync();
        if (Partition is { } partition)
        {
            // The relay's far end: the broker's nodes on loopback, as the other services' connection strings name them.
            // Read from the model: the local broker's connection string is fixed when the AppHost is built (its ports are
            // picked then), and the relay must know it before Subscriptions first connects, during the start.
            var resource = _app.Services.GetRequiredService<DistributedApplicationModel>().Resources.OfType<IResourceWithConnectionString>()
                .Single(r => r.Name == ResourceNames.Messaging);
            var messaging = RabbitMqConnectionOf(await resource.GetConnectionStringAsync() ?? "");
            partition.BrokerNodes = [.. messaging.Select(n => System.Net.IPEndPoint.Parse(n))];
        }
        _logs = ConsoleLogs.Follow(_app, LogDirectory(), Telemetry.AddConsoleLine);

        using var startup = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await _app.StartAsync(startup.Token);
        await _app.ResourceNotifications.WaitForResourceAsync(ResourceNames.Gateway, KnownResourceStates.Running, startup.Token);

        Gateway = _app.CreateHttpClient(ResourceNames.Gateway, "http");
        Gateway.Timeout = TimeSpan.FromSeconds(30);
        // Running is not ready: wait until the gateway answers and Identity hands out tokens through it.
        while (!startup.IsCancellationRequested)
        {
            try
            {
                var token = await Demo.TokenAsync(Gateway, Demo.School);
                if (token is not null) return;
            }
            // Not up yet, or (a first request on a busy CI machine) slower than the client's 30 s:
            // either way, ask again until the start-up budget is spent.
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !startup.IsCancellationRequested) { }
            await Task.Delay(500, startup.Token);
        }
    }

    /// <summary>
    /// Moves <paramref name="resource"/>'s clock <paramref name="offset"/> ahead of the machine's (zero: back
    /// to it), as weeks passing would; the service sees it within a quarter of a second (ShiftedClock).
    /// </summary>
    public void ShiftClock(string resource, TimeSpan offset) =>
        File.WriteAllText(ClockFile(resource), offset == TimeSpan.Zero ? "" : offset.ToString("c", System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>
    /// <see cref="ShiftClock"/>, returning once the service's clock has the new offset: any read of it at least
    /// <c>ShiftedClock.RereadEvery</c> (250 ms, src/ServiceHost) after the change sees it, so a request sent after
    /// this runs on the moved clock (not a wait for an effect: the clock's documented bound).
    /// </summary>
    public async Task ShiftClockAsync(string resource, TimeSpan offset)
    {
        ShiftClock(resource, offset);
        await Task.Delay(TimeSpan.FromMilliseconds(2 * 250), TestContext.Current.CancellationToken);
    }

    private string ClockFile(string resource) => Path.Combine(_data, $"clock-{resource}");

    /// <summary>A service database's connection string, as the AppHost hands it to the service.</summary>
    public async Task<string> ConnectionStringAsync(string database) =>
        await App.GetConnectionStringAsync(database) ?? throw new InvalidOperationException($"No connection string '{database}'.");

    /// <summary>Every resource's console output, one file each, kept after the run.</summary>
    public static string LogDirectory() => Path.Combine(RepositoryPaths.Root(), "TestResults", "platform-logs");

    /// <summary>The broker's nodes (<c>host:port</c>) a messaging connection string names: its cluster, or its one host.</summary>
    private static IReadOnlyList<string> RabbitMqConnectionOf(string connectionString)
    {
        var connection = Platform.Messaging.RabbitMqConnection.Parse(connectionString);
        return connection.ClusterNodes.Count > 0 ? connection.ClusterNodes : [$"{connection.Host}:{connection.Port}"];
    }

    public async ValueTask DisposeAsync()
    {
        Gateway?.Dispose();
        if (_app is not null) await _app.DisposeAsync();
        if (Partition is not null) await Partition.DisposeAsync();
        if (_logs is not null) await _logs.DisposeAsync();
        await Telemetry.DisposeAsync();
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
