using Platform.Http.Idempotency;
using Microsoft.EntityFrameworkCore;
using Platform.Directory.Domain;
using Platform.Messaging;

namespace Platform.Directory.Infrastructure;

/// <summary>The region's directory: reference data about organisations and places, never about children.</summary>
public sealed class DirectoryDbContext(DbContextOptions<DirectoryDbContext> options) : DbContext(options)
{
    public DbSet<SubRegion> SubRegions => Set<SubRegion>();
    public DbSet<Municipality> Municipalities => Set<Municipality>();
    public DbSet<Organisation> Organisations => Set<Organisation>();
    public DbSet<Location> Locations => Set<Location>();
    public DbSet<PupilCount> PupilCounts => Set<PupilCount>();
    public DbSet<OfferedArrangement> OfferedArrangements => Set<OfferedArrangement>();
    public DbSet<DirectoryState> State => Set<DirectoryState>();
    public DbSet<Board> Boards => Set<Board>();
    public DbSet<Expert> Experts => Set<Expert>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.HasDefaultSchema("directory");
        model.Entity<SubRegion>(e =>
        {
            e.ToTable("sub_regions");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(100);
            e.Property(x => x.Name).HasMaxLength(100);
        });
        model.Entity<Municipality>(e =>
        {
            e.ToTable("municipalities");
            e.HasKey(x => x.Code);
            e.Property(x => x.Code).HasMaxLength(6);
            e.Property(x => x.Name).HasMaxLength(100);
            e.Property(x => x.SubRegion).HasMaxLength(100);
        });
        model.Entity<Organisation>(e =>
        {
            e.ToTable("organisations");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(100);
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.Type).HasMaxLength(40);
            e.Property(x => x.Municipality).HasMaxLength(6);
            e.Property(x => x.Swv).HasMaxLength(100);
            e.Property(x => x.SubRegion).HasMaxLength(100);
            e.Property(x => x.BoardId).HasMaxLength(100);
            e.HasIndex(x => x.Type);
            e.HasOne<Board>().WithMany().HasForeignKey(x => x.BoardId).OnDelete(DeleteBehavior.Restrict);
        });
        model.Entity<Board>(e =>
        {
            e.ToTable("boards");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(100);
            e.Property(x => x.Name).HasMaxLength(200);
        });
        model.Entity<Expert>(e =>
        {
            e.ToTable("experts");
            e.HasKey(x => x.PersonId);
            e.Property(x => x.PersonId).HasMaxLength(100);
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.OrganisationId).HasMaxLength(100);
            e.Property(x => x.BoardId).HasMaxLength(100);
            e.Property(x => x.RegisteredBy).HasMaxLength(100);
            e.HasIndex(x => x.OrganisationId);
            e.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Board>().WithMany().HasForeignKey(x => x.BoardId).OnDelete(DeleteBehavior.Restrict);
        });
        model.Entity<Location>(e =>
        {
            e.ToTable("locations");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(100);
            e.Property(x => x.OrganisationId).HasMaxLength(100);
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.Kind).HasMaxLength(20);
            e.Property(x => x.Brin).HasMaxLength(4);
            e.Property(x => x.BranchCode).HasMaxLength(2);
            e.Property(x => x.Municipality).HasMaxLength(6);
            e.Property(x => x.Swv).HasMaxLength(100);
            e.OwnsOne(x => x.Address, a => a.ToJson());
            e.OwnsMany(x => x.Contacts, c => c.ToJson());
            e.HasIndex(x => x.OrganisationId);
            e.HasIndex(x => x.Municipality);
        });
        model.Entity<PupilCount>(e =>
        {
            e.ToTable("pupil_counts", t => t.HasCheckConstraint("ck_pupil_counts_pupils", "pupils >= 0"));
            e.HasKey(x => new { x.SchoolYear, x.LocationId });
            e.Property(x => x.LocationId).HasMaxLength(100);
            e.Property(x => x.SchoolYear).HasMaxLength(9);
            e.Property(x => x.Source).HasMaxLength(200);
        });
        model.Entity<OfferedArrangement>(e =>
        {
            e.ToTable("offered_arrangements");
            e.HasKey(x => x.ArrangementId);
            e.Property(x => x.ArrangementId).ValueGeneratedNever();
            e.Property(x => x.LocationId).HasMaxLength(100);
            e.Property(x => x.Title).HasMaxLength(200);
            e.Property(x => x.TargetGroup).HasMaxLength(1000);
            e.HasIndex(x => x.LocationId);
        });
        model.Entity<DirectoryState>(e =>
        {
            e.ToTable("directory_state");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedNever();
            e.Property(x => x.Region).HasMaxLength(100);
            e.Property(x => x.RegionName).HasMaxLength(100);
        });
        model.AddMessagingTables();
        model.AddIdempotencyTable();
    }
}
