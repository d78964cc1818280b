using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Intake.Domain.Consents;

namespace Platform.Intake.Infrastructure;

internal sealed class ConsentConfiguration : IEntityTypeConfiguration<Consent>
{
    public void Configure(EntityTypeBuilder<Consent> consent)
    {
        consent.ToTable("consents");
        consent.HasKey(c => c.Id);
        consent.Property(c => c.Id).ValueGeneratedNever();
        consent.HasIndex(c => c.CaseId);
        consent.Property(c => c.Purpose).HasMaxLength(500);
        consent.Property(c => c.Purposes).HasDefaultValueSql("ARRAY['support']::text[]");
        consent.Property(c => c.ParentalAuthorityCheckedIn).HasMaxLength(200);
        consent.Property(c => c.RecordedByOrganisationId).HasMaxLength(100);
        consent.Property(c => c.WithdrawnBy).HasMaxLength(200);
        consent.Property(c => c.WithdrawalReason).HasMaxLength(2000);
        consent.Property(c => c.ParentalAuthorityHolders).HasDefaultValueSql("ARRAY[]::text[]");
        consent.Property(c => c.WithdrawnByParties).HasDefaultValueSql("ARRAY[]::text[]");
    }
}
