using Platform.ChildLinks;
using Platform.Http.Idempotency;
using Microsoft.EntityFrameworkCore;
using Platform.DirectoryReplica;
using Platform.Intake.Domain;
using Platform.Intake.Domain.Cases;
using Platform.Intake.Domain.Consents;
using Platform.Messaging;
using Platform.Messaging.Outbox;

namespace Platform.Intake.Infrastructure;

public sealed class IntakeDbContext(DbContextOptions<IntakeDbContext> options) : DbContext(options)
{
    public DbSet<Referral> Referrals => Set<Referral>();
    public DbSet<Case> Cases => Set<Case>();
    public DbSet<Consent> Consents => Set<Consent>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.HasDefaultSchema("intake");
        model.ApplyConfigurationsFromAssembly(typeof(IntakeDbContext).Assembly);
        model.AddMessagingTables();
        model.AddIdempotencyTable();
        model.AddDirectoryReplica();
        model.AddChildLinks();
    }

    /// <summary>
    /// Stages the events the cases recorded into the outbox, so they commit with the change that
    /// caused them; nothing in the API layer can forget one.
    /// </summary>
    public override async Task<int> SaveChangesAsync(CancellationToken cancellationToken = default)
    {
        return await this.SaveWithRecordedEventsAsync(() => base.SaveChangesAsync(cancellationToken));
    }
}
