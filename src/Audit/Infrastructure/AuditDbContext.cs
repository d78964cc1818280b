using Platform.Http.Idempotency;
using Microsoft.EntityFrameworkCore;
using Platform.Audit.Domain;
using Platform.DirectoryReplica;
using Platform.Messaging;

namespace Platform.Audit.Infrastructure;

/// <summary>The access log, apart from every service's data. The table refuses updates and deletes (see the migration's trigger).</summary>
public sealed class AuditDbContext(DbContextOptions<AuditDbContext> options) : DbContext(options)
{
    public DbSet<AuditEntry> Entries => Set<AuditEntry>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.HasDefaultSchema("audit");
        model.Entity<AuditEntry>(e =>
        {
            e.ToTable("records");
            e.HasKey(x => x.Sequence);
            e.Property(x => x.Sequence).UseIdentityAlwaysColumn();
            e.HasIndex(x => x.AuditId).IsUnique();
            e.HasIndex(x => x.ChildReference);
            e.HasIndex(x => x.OccurredAt);
            // Retention measures age by the time the database recorded a line (set by the database itself).
            e.HasIndex(x => x.RecordedAt);
            // The report finds lines without a child reference (refusals, replays) by the record they name.
            e.HasIndex(x => new { x.Service, x.RecordType, x.RecordId });
            e.Property(x => x.Service).HasMaxLength(40);
            e.Property(x => x.Action).HasMaxLength(20);
            e.Property(x => x.RecordType).HasMaxLength(40);
            e.Property(x => x.RecordId).HasMaxLength(100);
            e.Property(x => x.ChildReference).HasMaxLength(80);
            e.Property(x => x.OrganisationId).HasMaxLength(100);
            e.Property(x => x.OrganisationType).HasMaxLength(40);
            e.Property(x => x.ClientId).HasMaxLength(100);
            e.Property(x => x.OnBehalfOf).HasMaxLength(200);
            e.Property(x => x.Purpose).HasMaxLength(40);
            e.Property(x => x.Explanation).HasMaxLength(200);
            e.Property(x => x.Outcome).HasMaxLength(20);
            e.Property(x => x.Route).HasMaxLength(300);
            e.Property(x => x.TraceId).HasMaxLength(32);
            e.Property(x => x.PreviousHash).HasMaxLength(64);
            e.Property(x => x.Hash).HasMaxLength(64);
            e.Property(x => x.KeyId).HasMaxLength(20);
        });
        model.AddMessagingTables();
        model.AddIdempotencyTable();
        model.AddDirectoryReplica();
    }
}
