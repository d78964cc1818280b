using Platform.AppHost.Infrastructure;

namespace Platform.AppHost;

internal static class ProjectExtensions
{
    /// <summary>The service's own database; the service migrates it at start-up, before it takes traffic.</summary>
    public static IResourceBuilder<ProjectResource> WithDatabase(
        this IResourceBuilder<ProjectResource> project, PlatformInfrastructure infrastructure, string database) =>
        project.WithReference(infrastructure.Database(database)).WaitFor(infrastructure.DatabaseServer);

    public static IResourceBuilder<ProjectResource> WithMessaging(
        this IResourceBuilder<ProjectResource> project, PlatformInfrastructure infrastructure) =>
        project.WithReference(infrastructure.Messaging).WaitFor(infrastructure.MessagingServer);

    /// <summary>Services fetch Identity's signing keys through service discovery, so they wait for it.</summary>
    public static IResourceBuilder<ProjectResource> WithTokenValidation(
        this IResourceBuilder<ProjectResource> project, IResourceBuilder<ProjectResource> identity) =>
        project.WithReference(identity).WaitFor(identity);
}
