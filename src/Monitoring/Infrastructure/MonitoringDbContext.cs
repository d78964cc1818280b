using Microsoft.EntityFrameworkCore;
using Platform.Messaging;
using Platform.Monitoring.Domain;

namespace Platform.Monitoring.Infrastructure;

public sealed class MonitoringDbContext(DbContextOptions<MonitoringDbContext> options) : DbContext(options)
{
    public DbSet<ReferralFact> Referrals => Set<ReferralFact>();

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
        model.AddMessagingTables();
    }
}
