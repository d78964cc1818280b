using Microsoft.EntityFrameworkCore;

namespace Platform.Identity.Infrastructure;

/// <summary>OpenIddict's applications, scopes, authorizations and tokens; nothing else lives here.</summary>
public sealed class IdentityDbContext(DbContextOptions<IdentityDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder model)
    {
        model.HasDefaultSchema("identity");
        model.UseOpenIddict();
    }
}
