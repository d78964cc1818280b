using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Platform.DirectoryReplica;

/// <summary>
/// The Directory's school boards and TLV experts as this service's copy holds them. Only services that check
/// an advice's independence keep them (<see cref="ExpertReplicaModel.AddDirectoryExperts"/>): the other
/// services' copies and databases stay as they are.
/// </summary>
public interface IRegionExperts
{
    Task<KnownExpert?> ExpertAsync(string personId, CancellationToken ct);

    /// <summary>The board (bevoegd gezag) of a school organisation; null when the Directory knows none.</summary>
    Task<string?> BoardOfAsync(string organisationId, CancellationToken ct);
}

internal sealed class RegionExperts<TDbContext>(TDbContext db) : IRegionExperts where TDbContext : DbContext
{
    public Task<KnownExpert?> ExpertAsync(string personId, CancellationToken ct) =>
        db.Set<KnownExpert>().AsNoTracking().FirstOrDefaultAsync(e => e.PersonId == personId, ct);

    public Task<string?> BoardOfAsync(string organisationId, CancellationToken ct) =>
        db.Set<KnownSchoolBoard>().AsNoTracking().Where(b => b.OrganisationId == organisationId).Select(b => b.BoardId).FirstOrDefaultAsync(ct);
}

public static class ExpertReplicaModel
{
    /// <summary>
    /// Adds the boards and experts to this service's copy (after <see cref="DirectoryReplicaModel.AddDirectoryReplica"/>);
    /// <see cref="ReplicaWriter"/> fills them from every snapshot once the model has them.
    /// </summary>
    public static ModelBuilder AddDirectoryExperts(this ModelBuilder model)
    {
        model.Entity<KnownBoard>(e =>
        {
            e.ToTable("boards", DirectoryReplicaModel.Schema);
            e.HasKey(b => b.Id);
            e.Property(b => b.Id).HasMaxLength(100);
            e.Property(b => b.Name).HasMaxLength(200);
        });
        model.Entity<KnownSchoolBoard>(e =>
        {
            e.ToTable("school_boards", DirectoryReplicaModel.Schema);
            e.HasKey(b => b.OrganisationId);
            e.Property(b => b.OrganisationId).HasMaxLength(100);
            e.Property(b => b.BoardId).HasMaxLength(100);
        });
        model.Entity<KnownExpert>(e =>
        {
            e.ToTable("experts", DirectoryReplicaModel.Schema);
            e.HasKey(x => x.PersonId);
            e.Property(x => x.PersonId).HasMaxLength(100);
            e.Property(x => x.OrganisationId).HasMaxLength(100);
            e.Property(x => x.BoardId).HasMaxLength(100);
        });
        return model;
    }

    /// <summary><see cref="IRegionExperts"/> over the copy (the model must call <see cref="AddDirectoryExperts"/>).</summary>
    public static IHostApplicationBuilder AddDirectoryExperts<TDbContext>(this IHostApplicationBuilder builder) where TDbContext : DbContext
    {
        builder.Services.AddScoped<IRegionExperts, RegionExperts<TDbContext>>();
        return builder;
    }

    internal static bool KeepsExperts(this DbContext db) => db.Model.FindEntityType(typeof(KnownExpert)) is not null;
}
