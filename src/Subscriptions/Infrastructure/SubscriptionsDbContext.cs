using Platform.Http.Idempotency;
using Microsoft.EntityFrameworkCore;
using Platform.Messaging;
using Platform.Subscriptions.Domain;

namespace Platform.Subscriptions.Infrastructure;

/// <summary>Subscriptions and their delivery log. No child data: notifications name only resources.</summary>
public sealed class SubscriptionsDbContext(DbContextOptions<SubscriptionsDbContext> options) : DbContext(options)
{
    public DbSet<Subscription> Subscriptions => Set<Subscription>();
    public DbSet<Domain.Delivery> Deliveries => Set<Domain.Delivery>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.HasDefaultSchema("subscriptions");
        model.Entity<Subscription>(s =>
        {
            s.ToTable("subscriptions");
            s.Property(x => x.Id).ValueGeneratedNever();
            s.Property(x => x.OrganisationId).HasMaxLength(100);
            s.Property(x => x.OrganisationType).HasMaxLength(40);
            s.Property(x => x.Municipality).HasMaxLength(10);
            s.Property(x => x.CallbackUrl).HasMaxLength(2000);
            s.Property(x => x.Secret).HasMaxLength(100);
            s.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            s.HasIndex(x => x.OrganisationId);
            s.HasIndex(x => x.Channels).HasMethod("gin");
            s.Property(x => x.Version).IsRowVersion();
        });
        model.Entity<Domain.Delivery>(d =>
        {
            d.ToTable("deliveries");
            d.Property(x => x.Id).ValueGeneratedNever();
            d.HasIndex(x => new { x.SubscriptionId, x.MessageId }).IsUnique();
            d.HasIndex(x => new { x.Status, x.NextAttemptAt });
            d.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            d.Property(x => x.Channel).HasMaxLength(40);
            d.Property(x => x.EventType).HasMaxLength(100);
            d.Property(x => x.Body).HasColumnType("jsonb");
            d.OwnsMany(x => x.Log, l => l.ToJson());
            d.Property(x => x.Version).IsRowVersion();
            d.HasOne<Subscription>().WithMany().HasForeignKey(x => x.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
        });
        model.AddMessagingTables();
        model.AddIdempotencyTable();
    }
}
