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

    /// <summary>The service's own database; the service migrates it at start-up, before it takes traffic.</summary>
    public static IResourceBuilder<ProjectResource> WithDatabase(
        this IResourceBuilder<ProjectResource> project, PlatformInfrastructure infrastructure, string database) =>
        project.WithReference(infrastructure.Database(database)).WaitFor(infrastructure.DatabaseServer(database));

    public static IResourceBuilder<ProjectResource> WithMessaging(
        this IResourceBuilder<ProjectResource> project, PlatformInfrastructure infrastructure) =>
        project.WithReference(infrastructure.Messaging).WaitFor(infrastructure.MessagingServer);

    /// <summary>
    /// Services fetch Identity's signing keys through service discovery, so they wait for it.
    /// Every project answers <c>/health</c> only when its database and broker do (and its
    /// consumers' queues are declared), which is what <c>WaitFor</c> on it then means.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithTokenValidation(
        this IResourceBuilder<ProjectResource> project, IResourceBuilder<ProjectResource> identity) =>
        project.WithHttpHealthCheck("/health").WithReference(identity).WaitFor(identity);
}
