using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Platform.DirectoryReplica;
using Platform.Messaging;

namespace Platform.Identity.Infrastructure;

/// <summary>
/// OpenIddict's applications (the organisations' clients), scopes, authorizations and tokens; the data-protection keys
/// every replica shares (<see cref="IdentityDataProtection"/>); the outbox; and the copy of the region's directory.
/// </summary>
public sealed class IdentityDbContext(DbContextOptions<IdentityDbContext> options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<Clients.UsedClientAssertion> UsedClientAssertions => Set<Clients.UsedClientAssertion>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.HasDefaultSchema("identity");
        model.UseOpenIddict();
        model.Entity<Clients.UsedClientAssertion>(a =>
        {
            a.ToTable("used_client_assertions");
            a.HasKey(x => new { x.ClientId, x.TokenId });
            a.Property(x => x.ClientId).HasMaxLength(100);
            a.Property(x => x.TokenId).HasMaxLength(200);
            a.HasIndex(x => x.ExpiresAt);
        });
        // The outbox (the access log's records of the office's changes) and the copy of the region's directory.
        model.AddMessagingTables();
        model.AddDirectoryReplica();
    }
}
