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
    private readonly Func<string, IResourceBuilder<IResourceWithConnectionString>> _database;
    private readonly Dictionary<string, IResourceBuilder<IResourceWithConnectionString>> _databases = [];

    internal PlatformInfrastructure(
        IResourceBuilder<IResource> databaseServer,
        Func<string, IResourceBuilder<IResourceWithConnectionString>> database,
        IResourceBuilder<IResource> messagingServer,
        IResourceBuilder<IResourceWithConnectionString> messaging)
    {
        DatabaseServer = databaseServer;
        _database = database;
        MessagingServer = messagingServer;
        Messaging = messaging;
    }

    /// <summary>What to wait for before a service may connect to its database.</summary>
    public IResourceBuilder<IResource> DatabaseServer { get; }

    public IResourceBuilder<IResource> MessagingServer { get; }

    /// <summary>The <c>messaging</c> connection string (amqp URI).</summary>
    public IResourceBuilder<IResourceWithConnectionString> Messaging { get; }

    /// <summary>One database per service, created by the service's first migration if missing.</summary>
    public IResourceBuilder<IResourceWithConnectionString> Database(string name)
    {
        if (!_databases.TryGetValue(name, out var database))
            _databases[name] = database = _database(name);
        return database;
    }

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
        var postgres = builder.AddPostgres(Platform.AppHost.ResourceNames.Postgres).WithDataVolume();
        var rabbit = builder.AddRabbitMQ(Platform.AppHost.ResourceNames.Messaging).WithManagementPlugin().WithDataVolume();
        return new PlatformInfrastructure(
            postgres,
            name => postgres.AddDatabase(name),
            rabbit,
            rabbit);
    }
}
