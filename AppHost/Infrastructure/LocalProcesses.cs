using Platform.ServiceDefaults;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Platform.LocalServers;

namespace Platform.AppHost.Infrastructure;

/// <summary>
/// PostgreSQL and RabbitMQ as executable resources, from the Debian packages <c>postgresql</c> and
/// <c>rabbitmq-server</c>. Data lives under <c>Platform:LocalInfrastructure:DataDirectory</c>
/// (default: a folder per checkout under the temp directory), ports are free ones picked at start,
/// and health checks make <c>WaitFor</c> wait until each server really accepts connections.
/// Stopping the AppHost stops both. How each server is prepared (its user, folder, configuration)
/// is <c>src/LocalServers</c>, shared with the tests and scripts/test.sh; Aspire runs the processes.
/// </summary>
internal static class LocalProcesses
{
    public static PlatformInfrastructure Add(IDistributedApplicationBuilder builder)
    {
        var dataRoot = DataRoot(builder);
        Directory.CreateDirectory(dataRoot);
        // Others may pass through (the servers run as their own users) but not list or read.
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(dataRoot, (UnixFileMode)0b111_001_001);
        ServiceUsers.MakeTraversable(dataRoot);

        var durability = DurabilityOf(builder);
        var postgres = LocalPostgres.Prepare(Path.Combine(dataRoot, "postgres"), FreePort.Next(), durability: durability);
        // A second platform of the same checkout at once (the second region's test) needs a broker node of its own name.
        var instance = builder.Configuration["Platform:LocalInfrastructure:Instance"] is { Length: > 0 } named ? $"-{named}" : "";
        var node = $"village-{CheckoutId(builder.AppHostDirectory)}{instance}";
        var rabbit = LocalRabbitMq.Prepare(Path.Combine(dataRoot, "rabbitmq"), $"{node}@localhost",
            FreePort.Next(), FreePort.Next(), FreePort.Next(), durability, prometheusPort: FreePort.Next());
        // Platform:BrokerNodes: more nodes join the first one's cluster (the full fault profile's three, #28).
        List<LocalRabbitMq> cluster = [rabbit, .. Enumerable.Range(2, Math.Max(0, BrokerNodes(builder) - 1)).Select(n => LocalRabbitMq.Prepare(
            Path.Combine(dataRoot, $"rabbitmq-{n}"), $"{node}-{n}@localhost", FreePort.Next(), FreePort.Next(), FreePort.Next(), durability,
            prometheusPort: FreePort.Next(), joins: rabbit.Node))];
        var clusterParameter = LocalRabbitMq.ClusterParameter(cluster);

        // One broker user per service, with the permissions BrokerAccess gives it (#25 point 8): created
        // (or given new passwords) on every start, before any service may connect. guest, the
        // administrator, logs in from loopback only and is the operator's (the error-queue tool, the tests).
        var passwords = BrokerAccess.NewPasswords();
        builder.Services.AddHealthChecks()
            .AddCheck("rabbitmq-accepts-connections", new RabbitMqHealthCheck(rabbit.ConnectionString, async ct =>
            {
                // A cluster is ready when all its nodes are: a quorum queue declared earlier would have fewer replicas.
                await rabbit.WaitForClusterAsync(cluster.Count, ct);
                await BrokerAccess.ProvisionAsync(new Uri(rabbit.ManagementUrl), "guest", "guest", "/", passwords, ct);
            }));

        var postgresServer = AddPostgres(builder, ResourceNames.Postgres, postgres).Resource;
        var rabbitServer = builder.AddExecutable("rabbitmq", rabbit.Command, rabbit.BaseDirectory, rabbit.Arguments)
            .WithHealthCheck("rabbitmq-accepts-connections")
            .WithUrl(rabbit.ManagementUrl, "RabbitMQ management (guest/guest)");
        foreach (var (name, value) in rabbit.Environment) rabbitServer.WithEnvironment(name, value);
        var previous = rabbitServer;
        for (var n = 1; n < cluster.Count; n++)
        {
            var member = cluster[n];
            var check = $"rabbitmq-{n + 1}-accepts-connections";
            builder.Services.AddHealthChecks().AddCheck(check, new RabbitMqHealthCheck(member.ConnectionString));
            // The second node starts once the first has started (it joins that node's cluster, and keeps looking while the
            // first boots: the first is healthy only once all have joined); each further one once the one before has
            // joined, so no two join at the same moment.
            var server = builder.AddExecutable($"rabbitmq-{n + 1}", member.Command, member.BaseDirectory, member.Arguments).WithHealthCheck(check);
            server = n == 1 ? server.WaitForStart(previous) : server.WaitFor(previous);
            foreach (var (name, value) in member.Environment) server.WithEnvironment(name, value);
            previous = server;
        }

        var messaging = builder.AddConnectionString(ResourceNames.Messaging, ReferenceExpression.Create($"{rabbit.ConnectionString}{clusterParameter}"));
        var own = PlatformInfrastructure.OwnDatabaseServers(builder.Configuration);
        var failover = PlatformInfrastructure.FailoverDatabaseServers(builder.Configuration);
        var servers = new Dictionary<string, LocalPostgres>();
        var standbys = new Dictionary<string, int?>();
        return new PlatformInfrastructure(
            builder,
            dataRoot,
            name =>
            {
                if (!own.Contains(name))
                {
                    servers[name] = postgres;
                    return (builder.AddConnectionString(name, ReferenceExpression.Create($"{postgres.ConnectionString(name)}")), postgresServer);
                }
                var server = AddPostgres(builder, $"{ResourceNames.Postgres}-{name}", LocalPostgres.Prepare(Path.Combine(dataRoot, $"postgres-{name}"), FreePort.Next(), durability: durability),
                    ensureDatabase: failover.Contains(name) ? name : null);
                servers[name] = server.Postgres;
                var standby = standbys[name] = failover.Contains(name) ? FreePort.Next() : null;
                var hosts = LocalPostgres.HostsOf(server.Postgres.Port, standby);
                var connection = builder.AddConnectionString(name, ReferenceExpression.Create(
                    $"{hosts};Username=postgres;Password={server.Postgres.Password};Database={name}"));
                // Its streaming standby, as CloudNativePG runs one beside every primary: the services wait for it (and so
                // for the primary it is made from), so their server has its standby from their first check on.
                return (connection, standby is { } port ? AddStandby(builder, name, server, dataRoot, port, durability) : server.Resource);
            },
            (name, role, password) =>
            {
                var prefix = $"{LocalPostgres.HostsOf(servers[name].Port, standbys.GetValueOrDefault(name))};Username={role};Password=";
                var suffix = $";Database={name}";
                return ReferenceExpression.Create($"{prefix}{password}{suffix}");
            },
            rabbitServer,
            messaging,
            service => builder.AddConnectionString($"{ResourceNames.Messaging}-{service}",
                // Platform:BrokerAddressFor:<service>: the fault suite's path that a partition can cut (the cluster's nodes are behind it).
                builder.Configuration[$"Platform:BrokerAddressFor:{service}"] is { Length: > 0 } address
                    ? ReferenceExpression.Create($"{rabbit.ConnectionStringAs(service, passwords[service], address)}")
                    : ReferenceExpression.Create($"{rabbit.ConnectionStringAs(service, passwords[service])}{clusterParameter}")),
            sharedBrokerUser: false)
        { RunsLocalProcesses = true, BrokerMetricsPorts = [.. cluster.Select(n => n.PrometheusPort!.Value)] };
    }

    /// <summary>
    /// A streaming standby of <paramref name="primary"/> on <paramref name="port"/>, the second host the server's connection
    /// string names (<see cref="PlatformInfrastructure.FailoverDatabaseServers"/>), made afresh at each start.
    /// </summary>
    private static IResourceBuilder<IResource> AddStandby(IDistributedApplicationBuilder builder, string name,
        (IResourceBuilder<IResource> Resource, LocalPostgres Postgres) primary, string dataRoot, int port, Durability durability)
    {
        var resource = $"{ResourceNames.Postgres}-{name}-standby";
        var (command, arguments, environment) = primary.Postgres.Standby(Path.Combine(dataRoot, $"postgres-{name}-standby"), port, durability);
        var check = $"{resource}-accepts-connections";
        builder.Services.AddHealthChecks().AddCheck(check, new PostgresHealthCheck(
            $"{LocalPostgres.HostsOf(port, null)};Username=postgres;Password={primary.Postgres.Password};Database=postgres"));
        var standby = builder.AddExecutable(resource, command, dataRoot, arguments).WithHealthCheck(check).WaitFor(primary.Resource);
        foreach (var (variable, value) in environment) standby.WithEnvironment(variable, value);
        return standby;
    }

    private static (IResourceBuilder<IResource> Resource, LocalPostgres Postgres) AddPostgres(
        IDistributedApplicationBuilder builder, string name, LocalPostgres postgres, string? ensureDatabase = null)
    {
        var check = $"{name}-accepts-connections";
        builder.Services.AddHealthChecks().AddCheck(check, new PostgresHealthCheck(postgres.ConnectionString("postgres"), ensureDatabase));
        return (builder.AddExecutable(name, postgres.Command, postgres.DataDirectory, postgres.Arguments).WithHealthCheck(check), postgres);
    }

    /// <summary><c>Platform:BrokerNodes</c>: how many RabbitMQ nodes form the local broker's cluster (1 unless set).</summary>
    private static int BrokerNodes(IDistributedApplicationBuilder builder) =>
        int.TryParse(builder.Configuration["Platform:BrokerNodes"], out var nodes) && nodes > 1 ? nodes : 1;

    /// <summary>
    /// <c>Platform:LocalInfrastructure:Durability</c>: <c>Durable</c> (the default: a developer's data
    /// survives a power cut) or <c>Throwaway</c> (the end-to-end suite's platform: no fsync).
    /// </summary>
    private static Durability DurabilityOf(IDistributedApplicationBuilder builder) =>
        Enum.TryParse<Durability>(builder.Configuration["Platform:LocalInfrastructure:Durability"], ignoreCase: true, out var value)
            ? value : Durability.Durable;

    /// <summary>Where local data lives: <c>Platform:LocalInfrastructure:DataDirectory</c>, else a folder per checkout under the temp directory.</summary>
    internal static string DataRoot(IDistributedApplicationBuilder builder) =>
        builder.Configuration["Platform:LocalInfrastructure:DataDirectory"]
        ?? Path.Combine(Path.GetTempPath(), "village-platform", CheckoutId(builder.AppHostDirectory));

    /// <summary>A short stable id per checkout, so two clones on one machine never share data.</summary>
    private static string CheckoutId(string appHostDirectory) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(appHostDirectory)))[..12];
}
