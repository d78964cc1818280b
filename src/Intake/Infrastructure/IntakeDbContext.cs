using Microsoft.EntityFrameworkCore;
using Platform.Intake.Domain;
using Platform.Messaging;

namespace Platform.Intake.Infrastructure;

public sealed class IntakeDbContext(DbContextOptions<IntakeDbContext> options) : DbContext(options)
{
    public DbSet<Referral> Referrals => Set<Referral>();
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.HasDefaultSchema("intake");
        model.ApplyConfigurationsFromAssembly(typeof(IntakeDbContext).Assembly);
        model.AddMessagingTables();
    }
}
