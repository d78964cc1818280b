using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Intake.Domain.Cases;

namespace Platform.Intake.Infrastructure;

internal sealed class CaseConfiguration : IEntityTypeConfiguration<Case>
{
    public void Configure(EntityTypeBuilder<Case> @case)
    {
        @case.ToTable("cases");
        @case.HasKey(c => c.Id);
        @case.Property(c => c.Id).ValueGeneratedNever();
        @case.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
        @case.Property(c => c.ChildReference).HasMaxLength(80);
        // One child, one case: at most one case per child that is not closed, even under concurrent referrals.
        @case.HasIndex(c => c.ChildReference).IsUnique().HasFilter("status <> 'Closed'");
        @case.HasIndex(c => new { c.Status, c.KnooppuntDueOn });
        // The consent renewal sweep's deadline (12th or 16th birthday after the latest consent).
        @case.HasIndex(c => c.ConsentAgeCheckOn).HasFilter("consent_age_check_on IS NOT NULL");
        @case.Property(c => c.HomeMunicipality).HasMaxLength(6);
        @case.Property(c => c.FirstReferrerOrganisationId).HasMaxLength(100);
        @case.Property(c => c.ClosedReason).HasConversion<string>().HasMaxLength(30);
        @case.Property(c => c.Version).IsRowVersion();
        @case.Ignore(c => c.PendingEvents);
        @case.Ignore(c => c.CurrentPlan);

        @case.OwnsOne(c => c.Coordinator, coordinator =>
        {
            coordinator.Property(x => x.OrganisationId).HasMaxLength(100);
            coordinator.Property(x => x.Name).HasMaxLength(200);
        });
        @case.OwnsMany(c => c.CoordinatorLog, log => log.ToJson());
        @case.OwnsMany(c => c.Knooppunten, knooppunt =>
        {
            knooppunt.ToJson();
            knooppunt.OwnsOne(k => k.NextStep);
        });
        @case.OwnsMany(c => c.Plans, plan =>
        {
            plan.ToJson();
            plan.OwnsMany(p => p.Actions);
            plan.OwnsOne(p => p.ArrangementRequest);
        });
        @case.OwnsMany(c => c.Notes, note => note.ToJson());
        // A table, not JSON: "which cases may this organisation see" is a query on it.
        @case.OwnsMany(c => c.Access, access =>
        {
            access.ToTable("case_access");
            access.WithOwner().HasForeignKey("CaseId");
            access.Property<int>("Id");
            access.HasKey("Id");
            access.Property(a => a.OrganisationId).HasMaxLength(100);
            access.Property(a => a.Level).HasConversion<string>().HasMaxLength(10);
            access.HasIndex(a => a.OrganisationId);
        });
    }
}
