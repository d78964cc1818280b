using Microsoft.AspNetCore.DataProtection;

namespace Platform.Identity.Infrastructure;

/// <summary>
/// The keys that protect Identity's cookies (the sign-in session, antiforgery tokens) live in Identity's own
/// database, shared by its replicas. By default every replica would keep a key ring of its own in its container,
/// lost at every restart: a person who signed in on one replica and whose next request reached another would be
/// sent back to the sign-in page, and a form posted to another replica refused. Production runs two or three
/// replicas (deploy/overlays).
/// </summary>
/// <remarks>
/// Not done yet: the keys are stored as the framework writes them, not encrypted to a certificate; the database
/// and its backups are the boundary (docs/operations.md, "Identity's data-protection keys").
/// </remarks>
internal static class IdentityDataProtection
{
    /// <summary>The same name on every replica: keys and what they protect are isolated per application name.</summary>
    public const string ApplicationName = "village-platform-identity";

    public static IServiceCollection AddIdentityDataProtection(this IServiceCollection services)
    {
        services.AddDataProtection()
            .SetApplicationName(ApplicationName)
            .PersistKeysToDbContext<IdentityDbContext>();
        return services;
    }
}
