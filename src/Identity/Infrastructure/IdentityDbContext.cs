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
    internal DbSet<People.Person> People => Set<People.Person>();
    internal DbSet<Upstream.UpstreamProvider> UpstreamProviders => Set<Upstream.UpstreamProvider>();

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
        model.Entity<People.Person>(p =>
        {
            p.ToTable("people");
            p.HasKey(x => x.Id);
            p.Property(x => x.Id).HasMaxLength(100);
            p.Property(x => x.OrganisationId).HasMaxLength(100);
            p.Property(x => x.Name).HasMaxLength(200);
            p.Property(x => x.Function).HasMaxLength(200);
            p.Property(x => x.ProviderId).HasMaxLength(100);
            p.Property(x => x.UpstreamSubject).HasMaxLength(200);
            p.Property(x => x.DisabledReason).HasMaxLength(200);
            p.HasIndex(x => x.OrganisationId);
            // One active person per upstream identity: a second registration of the same login is refused by the database
            // too; a disabled one does not hold it (a teacher who moved to another school of the same board's provider).
            p.HasIndex(x => new { x.ProviderId, x.UpstreamSubject }).IsUnique().HasFilter("provider_id IS NOT NULL AND disabled_at IS NULL");
        });
        model.Entity<Upstream.UpstreamProvider>(u =>
        {
            u.ToTable("upstream_providers");
            u.HasKey(x => x.Id);
            u.Property(x => x.Id).HasMaxLength(100);
            u.Property(x => x.DisplayName).HasMaxLength(100);
            u.Property(x => x.Authority).HasMaxLength(500);
            u.Property(x => x.ClientId).HasMaxLength(200);
            u.Property(x => x.SubjectClaim).HasMaxLength(100);
            u.Property(x => x.Version).IsConcurrencyToken();
            u.Ignore(x => x.SchemeName);
        });
        // The outbox (the access log's records of the office's changes) and the copy of the region's directory.
        model.AddMessagingTables();
        model.AddDirectoryReplica();
    }
}
