using Platform.ServiceDefaults;
using Platform.AppHost.Infrastructure;

namespace Platform.AppHost;

internal static class ProjectExtensions
{
    /// <summary>
    /// An API service: its own database, the broker, and tokens validated against Identity's keys.
    /// It answers <c>/health</c> only once its database, broker and consumers' queues are ready.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddApiService<TProject>(this IDistributedApplicationBuilder builder,
        string name, string database, PlatformInfrastructure infrastructure, IResourceBuilder<ProjectResource> identity)
        where TProject : IProjectMetadata, new() =>
        builder.AddProject<TProject>(name)
            .WithDatabase(infrastructure, database)
            .WithMessaging(infrastructure)
            .WithTokenValidation(identity);

    /// <summary>The regional key of the pseudonymous child reference: only services that see a BSN get it.</summary>
    public static IResourceBuilder<ProjectResource> WithChildReferenceKey(
        this IResourceBuilder<ProjectResource> project, IResourceBuilder<ParameterResource> key) =>
        project.WithEnvironment("Privacy__ChildReferenceKey", key);

    /// <summary>
    /// The access log's database with two roles (ADR-0008): the owner's connection string
    /// (<c>auditdb-owner</c>) only for migrations, and the service's own (<c>auditdb</c>) as the
    /// insert-only runtime role <c>audit_writer</c>; the chain key and the anchor key from secrets; the
    /// anchors in a folder under the data directory, outside the database.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddAuditService<TProject>(this IDistributedApplicationBuilder builder,
        PlatformInfrastructure infrastructure, IResourceBuilder<ProjectResource> identity)
        where TProject : IProjectMetadata, new()
    {
        var runtimePassword = builder.AddParameter("audit-db-password", secret: true);
        var chainKey = builder.AddParameter("audit-chain-key", secret: true);
        var anchorKey = builder.AddParameter("audit-anchor-key", secret: true);
        return builder.AddProject<TProject>(ResourceNames.Audit)
            .WithReference(infrastructure.Database(ResourceNames.AuditDb), connectionName: $"{ResourceNames.AuditDb}-owner")
            .WithReference(infrastructure.DatabaseAs(ResourceNames.AuditDb, "audit_writer", runtimePassword), connectionName: ResourceNames.AuditDb)
            .WaitFor(infrastructure.DatabaseServer(ResourceNames.AuditDb))
            .WithEnvironment("Audit__ChainKeyId", "dev")
            .WithEnvironment("Audit__ChainKeys__dev", chainKey)
            .WithEnvironment("Audit__Anchors__SigningKey", anchorKey)
            .WithEnvironment("Audit__Anchors__Directory", Path.Combine(infrastructure.DataDirectory, "audit-anchors"))
            .WithMessaging(infrastructure)
            .WithTokenValidation(identity);
    }

    /// <summary>The service's own database; the service migrates it at start-up, before it takes traffic.</summary>
    public static IResourceBuilder<ProjectResource> WithDatabase(
        this IResourceBuilder<ProjectResource> project, PlatformInfrastructure infrastructure, string database) =>
        project.WithReference(infrastructure.Database(database)).WaitFor(infrastructure.DatabaseServer(database));

    /// <summary>
    /// The broker as the service's own user (its resource name: <c>intake</c>), under the connection
    /// string name every service reads (<c>messaging</c>); with the container's one shared user, the
    /// service is told so (<c>Messaging:BrokerUsers</c>). #25 point 8.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithMessaging(
        this IResourceBuilder<ProjectResource> project, PlatformInfrastructure infrastructure)
    {
        project.WithReference(infrastructure.MessagingAs(project.Resource.Name), connectionName: ResourceNames.Messaging)
            .WaitFor(infrastructure.MessagingServer);
        if (infrastructure.SharedBrokerUser) project.WithEnvironment("Messaging__BrokerUsers", "Shared");
        return project;
    }

    /// <summary>
    /// Services fetch Identity's signing keys through service discovery, so they wait for it.
    /// Every project answers <c>/health</c> only when its database and broker do (and its
    /// consumers' queues are declared), which is what <c>WaitFor</c> on it then means.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithTokenValidation(
        this IResourceBuilder<ProjectResource> project, IResourceBuilder<ProjectResource> identity) =>
        project.WithHttpHealthCheck("/health").WithReference(identity).WaitFor(identity);
}
