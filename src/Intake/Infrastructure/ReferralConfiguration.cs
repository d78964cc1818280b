using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Intake.Domain;

namespace Platform.Intake.Infrastructure;

internal sealed class ReferralConfiguration : IEntityTypeConfiguration<Referral>
{
    public void Configure(EntityTypeBuilder<Referral> referral)
    {
        referral.ToTable("referrals");
        referral.HasKey(r => r.Id);
        referral.Property(r => r.Id).ValueGeneratedNever();
        referral.OwnsOne(r => r.Child, child =>
        {
            child.Property(c => c.Bsn).HasMaxLength(9);
            child.Property(c => c.Onderwijsnummer).HasMaxLength(9);
            child.Property(c => c.PlatformChildId).HasMaxLength(40);
            child.Property(c => c.GivenName).HasMaxLength(200);
            child.Property(c => c.FamilyName).HasMaxLength(200);
            child.Property(c => c.HomeMunicipality).HasMaxLength(6);
        });
        referral.Property(r => r.ChildReference).HasMaxLength(80);
        referral.HasIndex(r => r.ChildReference);
        referral.Property(r => r.ReferringOrganisationId).HasMaxLength(100);
        referral.HasIndex(r => r.ReferringOrganisationId);
        referral.Property(r => r.ReferringOrganisationType).HasMaxLength(50);
        referral.OwnsMany(r => r.SupportNeeds, need =>
        {
            need.ToJson();
            need.Property(n => n.Domain).HasConversion<string>();
        });
        referral.Property(r => r.Urgency).HasConversion<string>().HasMaxLength(20);
        referral.HasIndex(r => r.CaseId);
    }
}
