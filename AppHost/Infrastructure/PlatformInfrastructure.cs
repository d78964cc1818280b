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

    internal PlatformInfrastructure(
        Func<string, (IResourceBuilder<IResourceWithConnectionString> Database, IResourceBuilder<IResource> Server)> database,
        IResourceBuilder<IResource> messagingServer,
        IResourceBuilder<IResourceWithConnectionString> messaging)
    {
        _database = database;
        MessagingServer = messagingServer;
        Messaging = messaging;
    }

    public IResourceBuilder<IResource> MessagingServer { get; }

    /// <summary>The <c>messaging</c> connection string (amqp URI).</summary>
    public IResourceBuilder<IResourceWithConnectionString> Messaging { get; }

    /// <summary>One database per service, created by the service's first migration if missing.</summary>
    public IResourceBuilder<IResourceWithConnectionString> Database(string name) => Lookup(name).Database;

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
        return new PlatformInfrastructure(
            name =>
            {
                var server = own.Contains(name) ? builder.AddPostgres($"{ResourceNames.Postgres}-{name}").WithDataVolume() : postgres;
                return (server.AddDatabase(name), server);
            },
            rabbit,
            rabbit);
    }
}
