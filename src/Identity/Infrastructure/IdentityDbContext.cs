using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Platform.Identity.Infrastructure;

/// <summary>
/// OpenIddict's applications, scopes, authorizations and tokens, and the data-protection keys every replica shares
/// (<see cref="IdentityDataProtection"/>); nothing else lives here.
/// </summary>
public sealed class IdentityDbContext(DbContextOptions<IdentityDbContext> options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.HasDefaultSchema("identity");
        model.UseOpenIddict();
    }
}
