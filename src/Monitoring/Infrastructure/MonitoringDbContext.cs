using Platform.Http.Idempotency;
using Microsoft.EntityFrameworkCore;
using Platform.DirectoryReplica;
using Platform.Messaging;
using Platform.Messaging.Inbox;
using Platform.Monitoring.Baselines;
using Platform.Monitoring.Figures;
using Platform.Monitoring.Projection;

namespace Platform.Monitoring.Infrastructure;

/// <summary>
/// Monitoring's own database: the journal of events (no child references), the read model built
/// from it (subjects and facts, rebuildable), the baselines, and its copy of the directory.
/// </summary>
public sealed class MonitoringDbContext(DbContextOptions<MonitoringDbContext> options) : DbContext(options), IBatchCompletion
{
    private DateOnly? _figuresChangedFrom;

    /// <summary>Notes that figures from <paramref name="day"/> on may have changed in this transaction (ADR-0018).</summary>
    public void FiguresChangedFrom(DateOnly? day)
    {
        if (day is { } d && (_figuresChangedFrom is not { } earlier || d < earlier)) _figuresChangedFrom = d;
    }

    /// <summary>One figure change for the whole transaction (a batch of events): the earliest day any of them moved.</summary>
    public async Task CompleteBatchAsync(CancellationToken ct)
    {
        await Figures.FigureChanges.RecordAsync(this, _figuresChangedFrom, ct);
        _figuresChangedFrom = null;
    }

    public DbSet<JournalEntry> Journal => Set<JournalEntry>();
    public DbSet<Subject> Subjects => Set<Subject>();
    public DbSet<Fact> Facts => Set<Fact>();
    public DbSet<Baseline> Baselines => Set<Baseline>();
    public DbSet<FigureChange> FigureChanges => Set<FigureChange>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.HasDefaultSchema("monitoring");
        model.Entity<JournalEntry>(e =>
        {
            e.ToTable("journal");
            e.HasKey(j => j.Sequence);
            e.Property(j => j.Sequence).UseIdentityAlwaysColumn();
            e.HasIndex(j => j.MessageId).IsUnique();
            e.Property(j => j.EventType).HasMaxLength(300);
            e.Property(j => j.Body).HasColumnType("jsonb");
        });
        model.Entity<Subject>(e =>
        {
            e.ToTable("subjects");
            e.HasKey(s => s.Id);
            e.Property(s => s.Id).HasMaxLength(100);
            e.Property(s => s.Kind).HasMaxLength(20);
            e.Property(s => s.Dimension).HasMaxLength(40);
            e.Property(s => s.Variant).HasMaxLength(40);
            e.Property(s => s.HomeMunicipality).HasMaxLength(6);
            e.Property(s => s.SchoolMunicipality).HasMaxLength(6);
            e.Property(s => s.SchoolOrganisationId).HasMaxLength(100);
            e.Property(s => s.LocationId).HasMaxLength(100);
            e.Property(s => s.Swv).HasMaxLength(100);
            e.Property(s => s.Parent).HasMaxLength(100);
            e.HasIndex(s => s.Kind);
            // A subject's children (a placement's arrangement, an admission's TLV): what a change to it can move (SqlReadModel.FamilyOf).
            e.HasIndex(s => s.Parent);
        });
        model.Entity<Fact>(e =>
        {
            e.ToTable("facts");
            e.HasKey(f => f.Key);
            e.Property(f => f.Key).HasMaxLength(200);
            e.Property(f => f.Indicator).HasMaxLength(60);
            e.Property(f => f.Subject).HasMaxLength(100);
            e.Property(f => f.Dimension).HasMaxLength(40);
            e.HasIndex(f => new { f.OccurredOn, f.Indicator });
            e.HasIndex(f => f.Subject);
        });
        model.Entity<FigureChange>(e =>
        {
            e.ToTable("figure_changes");
            e.HasKey(c => c.Id);
            e.Property(c => c.Id).UseIdentityAlwaysColumn();
            e.Property(c => c.Xid).HasColumnType("xid8").HasDefaultValueSql("pg_current_xact_id()").ValueGeneratedOnAdd();
            e.Property(c => c.RecordedAt).HasDefaultValueSql("clock_timestamp()").ValueGeneratedOnAdd();
            e.HasIndex(c => c.Xid);
            e.HasIndex(c => c.RecordedAt);
        });
        model.Entity<Baseline>(e =>
        {
            e.ToTable("baselines");
            e.HasKey(b => b.Name);
            e.Property(b => b.Name).HasMaxLength(100);
            e.Property(b => b.Period).HasMaxLength(9);
            e.Property(b => b.Figures).HasColumnType("jsonb");
            e.Property(b => b.TakenBy).HasMaxLength(100);
        });
        model.AddMessagingTables();
        model.AddIdempotencyTable();
        model.AddDirectoryReplica();
    }
}
