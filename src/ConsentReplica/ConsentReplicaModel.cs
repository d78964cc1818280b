using Microsoft.EntityFrameworkCore;

namespace Platform.ConsentReplica;

public static class ConsentReplicaModel
{
    public const string Schema = "consent";

    /// <summary>Adds this service's copy of Intake's consents and cases to its model, in a schema of its own.</summary>
    public static ModelBuilder AddConsentReplica(this ModelBuilder model)
    {
        model.Entity<ConsentCopy>(e =>
        {
            e.ToTable("consents", Schema);
            e.HasKey(c => c.ConsentId);
            e.Property(c => c.ConsentId).ValueGeneratedNever();
            e.Property(c => c.ChildReference).HasMaxLength(80);
            e.HasIndex(c => c.ChildReference);
            e.HasIndex(c => c.CaseId);
        });
        model.Entity<CaseCopy>(e =>
        {
            e.ToTable("cases", Schema);
            e.HasKey(c => c.CaseId);
            e.Property(c => c.CaseId).ValueGeneratedNever();
            e.Property(c => c.ChildReference).HasMaxLength(80);
            e.Property(c => c.HomeMunicipality).HasMaxLength(6);
            e.HasIndex(c => c.ChildReference);
        });
        return model;
    }
}
