using Microsoft.EntityFrameworkCore;

namespace Platform.DirectoryReplica;

public static class DirectoryReplicaModel
{
    public const string Schema = "directory";

    /// <summary>
    /// Adds this service's copy of the region's directory to its model, in a schema of its own so it
    /// is not mistaken for the service's own data. Call from <c>OnModelCreating</c>.
    /// </summary>
    public static ModelBuilder AddDirectoryReplica(this ModelBuilder model)
    {
        model.Entity<KnownSubRegion>(e =>
        {
            e.ToTable("sub_regions", Schema);
            e.HasKey(m => m.Id);
            e.Property(m => m.Id).HasMaxLength(100);
            e.Property(m => m.Name).HasMaxLength(100);
        });
        model.Entity<KnownMunicipality>(e =>
        {
            e.ToTable("municipalities", Schema);
            e.HasKey(m => m.Code);
            e.Property(m => m.Code).HasMaxLength(6);
            e.Property(m => m.Name).HasMaxLength(100);
            e.Property(m => m.SubRegion).HasMaxLength(100);
        });
        model.Entity<KnownOrganisation>(e =>
        {
            e.ToTable("organisations", Schema);
            e.HasKey(o => o.Id);
            e.Property(o => o.Id).HasMaxLength(100);
            e.Property(o => o.Name).HasMaxLength(200);
            e.Property(o => o.Type).HasMaxLength(40);
            e.Property(o => o.Municipality).HasMaxLength(6);
            e.Property(o => o.Swv).HasMaxLength(100);
            e.Property(o => o.SubRegion).HasMaxLength(100);
        });
        model.Entity<KnownLocation>(e =>
        {
            e.ToTable("locations", Schema);
            e.HasKey(l => l.Id);
            e.Property(l => l.Id).HasMaxLength(100);
            e.Property(l => l.OrganisationId).HasMaxLength(100);
            e.Property(l => l.Name).HasMaxLength(200);
            e.Property(l => l.Kind).HasMaxLength(20);
            e.Property(l => l.Municipality).HasMaxLength(6);
            e.Property(l => l.Swv).HasMaxLength(100);
            e.HasIndex(l => l.OrganisationId);
        });
        model.Entity<KnownPupilCount>(e =>
        {
            e.ToTable("pupil_counts", Schema);
            e.HasKey(p => new { p.LocationId, p.SchoolYear });
            e.Property(p => p.LocationId).HasMaxLength(100);
            e.Property(p => p.SchoolYear).HasMaxLength(9);
        });
        model.Entity<ReplicaState>(e =>
        {
            e.ToTable("replica_state", Schema);
            e.HasKey(s => s.Id);
            e.Property(s => s.Id).ValueGeneratedNever();
            e.Property(s => s.Region).HasMaxLength(100);
            e.Property(s => s.RegionName).HasMaxLength(100);
            e.HasData(new ReplicaState { Id = ReplicaState.SingletonId, Version = 0 });
        });
        return model;
    }
}
