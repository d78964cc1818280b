using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Platform.Portal.Infrastructure;

/// <summary>
/// The portal keeps no data of the people it serves: only the data-protection keys every replica shares
/// (<see cref="PortalDataProtection"/>).
/// </summary>
public sealed class PortalDbContext(DbContextOptions<PortalDbContext> options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder model) => model.HasDefaultSchema("portal");
}
