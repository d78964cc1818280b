using Microsoft.AspNetCore.DataProtection;

namespace Platform.Portal.Infrastructure;

/// <summary>
/// The keys that protect the portal's session cookie (with the person's tokens), its sign-in correlation cookies and
/// its antiforgery tokens live in the portal's own database, shared by its replicas (#26). With a key ring per pod, a
/// browser that landed on another replica had to sign in again, or got a 400 on a form.
/// </summary>
/// <remarks>
/// As for Identity (docs/operations.md, "Identity's data-protection keys"): the keys are stored as the framework writes
/// them, not encrypted to a certificate; the database and its backups are the boundary.
/// </remarks>
internal static class PortalDataProtection
{
    /// <summary>The same name on every replica: keys and what they protect are isolated per application name.</summary>
    public const string ApplicationName = "village-platform-portal";

    public static IServiceCollection AddPortalDataProtection(this IServiceCollection services)
    {
        services.AddDataProtection()
            .SetApplicationName(ApplicationName)
            .PersistKeysToDbContext<PortalDbContext>();
        return services;
    }
}
