using Platform.DirectoryReplica;
using Microsoft.EntityFrameworkCore;
using Platform.Messaging;
using Platform.Monitoring.Domain;

namespace Platform.Monitoring.Infrastructure;

public sealed class MonitoringDbContext(DbContextOptions<MonitoringDbContext> options) : DbContext(options)
{
    public DbSet<ReferralFact> Referrals => Set<ReferralFact>();
    public DbSet<EventFact> Facts => Set<EventFact>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.HasDefaultSchema("monitoring");
        model.Entity<ReferralFact>(fact =>
        {
            fact.ToTable("referral_facts");
            fact.HasKey(f => f.ReferralId);
            fact.Property(f => f.ReferralId).ValueGeneratedNever();
            fact.Property(f => f.HomeMunicipality).HasMaxLength(6);
            fact.Property(f => f.Period).HasMaxLength(7);
            fact.HasIndex(f => new { f.Period, f.HomeMunicipality });
        });
        model.Entity<EventFact>(fact =>
        {
            fact.ToTable("event_facts");
            fact.HasKey(f => f.Key);
            fact.Property(f => f.Key).HasMaxLength(100);
            fact.Property(f => f.Indicator).HasMaxLength(40);
            fact.Property(f => f.HomeMunicipality).HasMaxLength(10);
            fact.Property(f => f.Dimension).HasMaxLength(40);
            fact.Property(f => f.Period).HasMaxLength(7);
            fact.HasIndex(f => new { f.Period, f.Indicator });
        });
        model.AddMessagingTables();
        model.AddDirectoryReplica();
    }
}
