using Platform.ServiceDefaults;
using Microsoft.Extensions.Configuration;

namespace Platform.AppHost.Infrastructure;

/// <summary>
/// PostgreSQL and RabbitMQ as Aspire resources, in one of two shapes with the same names:
/// Aspire's containers where a container runtime is available, or local processes from the
/// Debian packages where it is not (our build machines have only a docker client).
/// Choose with <c>Platform:Infrastructure</c> = <c>containers</c>, <c>local</c> or <c>auto</c>.
/// </summary>
public sealed class PlatformInfrastructure
{
    private readonly Func<string, (IResourceBuilder<IResourceWithConnectionString> Database, IResourceBuilder<IResource> Server)> _database;
    private readonly Dictionary<string, (IResourceBuilder<IResourceWithConnectionString> Database, IResourceBuilder<IResource> Server)> _databases = [];

    private readonly Func<string, string, IResourceBuilder<ParameterResource>, ReferenceExpression> _asRole;
    private readonly IDistributedApplicationBuilder _builder;

    internal PlatformInfrastructure(
        IDistributedApplicationBuilder builder,
        string dataDirectory,
        Func<string, (IResourceBuilder<IResourceWithConnectionString> Database, IResourceBuilder<IResource> Server)> database,
        Func<string, string, IResourceBuilder<ParameterResource>, ReferenceExpression> asRole,
        IResourceBuilder<IResource> messagingServer,
        IResourceBuilder<IResourceWithConnectionString> messaging,
        Func<string, IResourceBuilder<IResourceWithConnectionString>> messagingAs,
        bool sharedBrokerUser)
    {
        _messagingAs = messagingAs;
        SharedBrokerUser = sharedBrokerUser;
        _builder = builder;
        DataDirectory = dataDirectory;
        _database = database;
        _asRole = asRole;
        MessagingServer = messagingServer;
        Messaging = messaging;
    }

    private readonly Func<string, IResourceBuilder<IResourceWithConnectionString>> _messagingAs;
    private readonly Dictionary<string, IResourceBuilder<IResourceWithConnectionString>> _messagingUsers = [];

    public IResourceBuilder<IResource> MessagingServer { get; }

    /// <summary>
    /// The broker connection <paramref name="service"/> gets as its <c>messaging</c> connection string: its
    /// own broker user (<c>messaging-intake</c>, #25 point 8) on the local broker; the container's one user
    /// for every service on Aspire's RabbitMQ container (<see cref="SharedBrokerUser"/>).
    /// </summary>
    public IResourceBuilder<IResourceWithConnectionString> MessagingAs(string service)
    {
        if (!_messagingUsers.TryGetValue(service, out var connection))
            _messagingUsers[service] = connection = _messagingAs(service);
        return connection;
    }

    /// <summary>True where all services share one broker user (Aspire's RabbitMQ container): they then trust only that user.</summary>
    public bool SharedBrokerUser { get; }

    /// <summary>The servers run as local processes (no container engine): the AppHost adds a local Prometheus beside them.</summary>
    public bool RunsLocalProcesses { get; init; }

    /// <summary>The local broker's Prometheus plugin ports, one per node (its queues' depths for the queue alerts), where it runs them.</summary>
    public IReadOnlyList<int> BrokerMetricsPorts { get; init; } = [];

    /// <summary>The folder local data lives in (the servers' data; the access log's anchors): per checkout, or <c>Platform:LocalInfrastructure:DataDirectory</c>.</summary>
    public string DataDirectory { get; }

    /// <summary>The <c>messaging</c> connection string (amqp URI): the broker's administrator (locally guest, loopback only), for operators and tests; services get <see cref="MessagingAs"/>.</summary>
    public IResourceBuilder<IResourceWithConnectionString> Messaging { get; }

    /// <summary>One database per service, created by the service's first migration if missing.</summary>
    public IResourceBuilder<IResourceWithConnectionString> Database(string name) => Lookup(name).Database;

    /// <summary>
    /// <paramref name="database"/> as another role than the owner (the Audit service's insert-only
    /// runtime role): the service migrates with the owner's connection string and runs with this one.
    /// The role gets its login from the service's owner connection (the local superuser).
    /// </summary>
    public IResourceBuilder<IResourceWithConnectionString> DatabaseAs(string database, string role, IResourceBuilder<ParameterResource> password)
    {
        Lookup(database);
        return _builder.AddConnectionString($"{database}-runtime", _asRole(database, role, password));
    }

    /// <summary>
    /// The server that holds <paramref name="database"/>, to wait for before the service connects:
    /// the shared one, or its own when <c>Platform:OwnDatabaseServers</c> names it.
    /// </summary>
    public IResourceBuilder<IResource> DatabaseServer(string database) => Lookup(database).Server;

    private (IResourceBuilder<IResourceWithConnectionString> Database, IResourceBuilder<IResource> Server) Lookup(string name)
    {
        if (!_databases.TryGetValue(name, out var entry))
            _databases[name] = entry = _database(name);
        return entry;
    }

    /// <summary>
    /// Databases that get a PostgreSQL server of their own (comma-separated, e.g. <c>monitoringdb</c>),
    /// as each service has in production: so one service's database can go down while the others stay up.
    /// The fault-injection suite stops such a server; by default all databases share one server.
    /// </summary>
    internal static IReadOnlySet<string> OwnDatabaseServers(IConfiguration configuration) =>
        (configuration["Platform:OwnDatabaseServers"] ?? "")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet();

    /// <summary>
    /// Databases of their own server (<see cref="OwnDatabaseServers"/>) with a streaming standby beside it whose port their
    /// clients also know (<c>Platform:FailoverDatabaseServers</c>, local processes only): the fault-injection suite loses
    /// the primary and promotes the standby, and the services find it by themselves.
    /// </summary>
    internal static IReadOnlySet<string> FailoverDatabaseServers(IConfiguration configuration) =>
        (configuration["Platform:FailoverDatabaseServers"] ?? "")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet();

    public static PlatformInfrastructure Add(IDistributedApplicationBuilder builder)
    {
        var mode = builder.Configuration["Platform:Infrastructure"] ?? "auto";
        var useContainers = mode switch
        {
            "containers" => true,
            "local" => false,
            _ => ContainerRuntime.IsAvailable(),
        };
        return useContainers ? Containers(builder) : LocalProcesses.Add(builder);
    }

    private static PlatformInfrastructure Containers(IDistributedApplicationBuilder builder)
    {
        var postgres = builder.AddPostgres(ResourceNames.Postgres).WithDataVolume();
        var rabbit = builder.AddRabbitMQ(ResourceNames.Messaging).WithManagementPlugin().WithDataVolume();
        var own = OwnDatabaseServers(builder.Configuration);
        var servers = new Dictionary<string, IResourceBuilder<PostgresServerResource>>();
        return new PlatformInfrastructure(
            builder,
            LocalProcesses.DataRoot(builder),
            name =>
            {
                var server = servers[name] = own.Contains(name) ? builder.AddPostgres($"{ResourceNames.Postgres}-{name}").WithDataVolume() : postgres;
                return (server.AddDatabase(name), server);
            },
            (name, role, password) =>
            {
                var endpoint = servers[name].Resource.PrimaryEndpoint;
                return ReferenceExpression.Create(
                    $"Host={endpoint.Property(EndpointProperty.Host)};Port={endpoint.Property(EndpointProperty.Port)};Username={role};Password={password};Database={name}");
            },
            rabbit,
            rabbit,
            // The container's RabbitMQ has one user: every service connects as it (creating users in the
            // container is not built), and trusts only it (Messaging:BrokerUsers = Shared).
            _ => rabbit,
            sharedBrokerUser: true);
    }
}
