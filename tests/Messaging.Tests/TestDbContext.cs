using Microsoft.EntityFrameworkCore;

namespace Platform.Messaging.Tests;

/// <summary>A service's database in miniature: one domain table plus the messaging tables.</summary>
public sealed class TestDbContext(DbContextOptions<TestDbContext> options) : DbContext(options)
{
    public DbSet<Effect> Effects => Set<Effect>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<Effect>(e =>
        {
            e.ToTable("effects");
            e.HasKey(x => x.Id);
            e.HasIndex(x => x.Subject).IsUnique();
        });
        model.AddMessagingTables();
    }
}

/// <summary>A row a consumer or writer adds: its count is "how many times did it happen".</summary>
public sealed class Effect
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public string Subject { get; set; } = "";
}
