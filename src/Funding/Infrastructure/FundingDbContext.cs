using Platform.Http.Idempotency;
using Microsoft.EntityFrameworkCore;
using Platform.Funding.Domain;
using Platform.ConsentReplica;
using Platform.DirectoryReplica;
using Platform.Messaging;
using Platform.Messaging.Outbox;

namespace Platform.Funding.Infrastructure;

/// <summary>Funding's own database. It holds no BSN and no names: children appear only by their pseudonymous reference.</summary>
public sealed class FundingDbContext(DbContextOptions<FundingDbContext> options) : DbContext(options)
{
    public DbSet<Budget> Budgets => Set<Budget>();
    public DbSet<Arrangement> Arrangements => Set<Arrangement>();
    public DbSet<Placement> Placements => Set<Placement>();
    public DbSet<Tlv> Tlvs => Set<Tlv>();
    public DbSet<ZorgplichtApplication> ZorgplichtApplications => Set<ZorgplichtApplication>();
    public DbSet<Opp> Opps => Set<Opp>();
    public DbSet<Dispute> Disputes => Set<Dispute>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.HasDefaultSchema("funding");
        model.Entity<Budget>(b =>
        {
            b.ToTable("budgets", t =>
            {
                // The last line of defence against overspending, whatever the application does.
                t.HasCheckConstraint("ck_budgets_within_amount", "reserved_cents >= 0 AND committed_cents >= 0 AND reserved_cents + committed_cents <= amount_cents");
            });
            b.Property(x => x.Id).ValueGeneratedNever();
            b.HasIndex(x => new { x.FunderId, x.Year, x.Line }).IsUnique();
            b.HasIndex(x => x.Municipality);
            b.Property(x => x.FunderId).HasMaxLength(100);
            b.Property(x => x.FunderType).HasMaxLength(20);
            b.Property(x => x.Municipality).HasMaxLength(10);
            b.Property(x => x.Line).HasMaxLength(30);
            b.Property(x => x.Version).IsRowVersion();
            b.Ignore(x => x.LeftCents);
        });
        model.Entity<Arrangement>(a =>
        {
            a.ToTable("arrangements", t => t.HasCheckConstraint("ck_arrangements_capacity", "occupied >= 0 AND occupied <= places"));
            a.Property(x => x.Id).ValueGeneratedNever();
            a.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            a.Property(x => x.Kind).HasMaxLength(20);
            a.Property(x => x.Title).HasMaxLength(200);
            a.Property(x => x.LocationId).HasMaxLength(100);
            a.Property(x => x.TargetGroup).HasMaxLength(1000);
            a.Property(x => x.ProposedBy).HasMaxLength(100);
            a.Property(x => x.PreFinancerId).HasMaxLength(100);
            a.Property(x => x.ChildReference).HasMaxLength(80);
            a.Property(x => x.HomeMunicipality).HasMaxLength(10);
            a.HasIndex(x => x.Funders).HasMethod("gin");
            a.HasIndex(x => x.LocationId);
            a.Property(x => x.LocationOrganisationId).HasMaxLength(100);
            a.HasIndex(x => x.LocationOrganisationId);
            a.HasIndex(x => x.EscalatedTo);
            a.Property(x => x.EscalatedTo).HasMaxLength(100);
            a.HasIndex(x => x.RequestId).IsUnique();
            a.HasIndex(x => new { x.Status, x.DecisionDueOn });
            a.OwnsOne(x => x.Costs, c =>
            {
                c.Property(p => p.EducationCents).HasColumnName("education_cents");
                c.Property(p => p.CareCents).HasColumnName("care_cents");
                c.Property(p => p.JointCents).HasColumnName("joint_cents");
                c.Ignore(p => p.TotalCents);
            });
            a.OwnsMany(x => x.Shares, s => { s.ToJson(); s.Ignore(p => p.Line); });
            a.OwnsMany(x => x.ChangeRequests, c => c.ToJson());
            a.OwnsOne(x => x.Escalation, e => e.ToJson());
            a.OwnsOne(x => x.PreFinancing, p => p.ToJson());
            a.Property(x => x.Version).IsRowVersion();
            a.Ignore(x => x.PendingEvents);
            a.Ignore(x => x.FunderIds);
            a.Ignore(x => x.BudgetYear);
            a.Ignore(x => x.FreePlaces);
            a.Ignore(x => x.Running);
        });
        model.Entity<Placement>(p =>
        {
            p.ToTable("placements");
            p.Property(x => x.Id).ValueGeneratedNever();
            p.HasIndex(x => x.RequestId).IsUnique();
            p.HasIndex(x => x.ChildReference);
            p.HasIndex(x => x.ArrangementId);
            p.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            p.Property(x => x.ChildReference).HasMaxLength(80);
            p.Property(x => x.SchoolId).HasMaxLength(100);
            p.Property(x => x.Kind).HasMaxLength(20);
        });
        model.Entity<Tlv>(t =>
        {
            t.ToTable("tlvs");
            t.Property(x => x.Id).ValueGeneratedNever();
            t.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            t.Property(x => x.ChildReference).HasMaxLength(80);
            t.Property(x => x.HomeMunicipality).HasMaxLength(10);
            t.Property(x => x.SchoolOrganisationId).HasMaxLength(100);
            t.Property(x => x.SchoolLocationId).HasMaxLength(100);
            t.Property(x => x.SwvId).HasMaxLength(100);
            t.Property(x => x.RequestedKind).HasMaxLength(10);
            t.Property(x => x.ReceivingLocationId).HasMaxLength(100);
            t.Property(x => x.EndReason).HasMaxLength(20);
            t.HasIndex(x => x.ChildReference);
            t.HasIndex(x => x.SwvId);
            t.HasIndex(x => x.SchoolOrganisationId);
            t.HasIndex(x => new { x.Status, x.DecisionDueOn });
            // One open request per child, whatever races: the second is refused by the database.
            t.HasIndex(x => x.ChildReference).IsUnique().HasFilter("status = 'Requested'").HasDatabaseName("ux_tlvs_one_open_request_per_child");
            t.OwnsMany(x => x.Invitations, i => i.ToJson());
            t.OwnsMany(x => x.Advices, a => a.ToJson());
            t.OwnsOne(x => x.Decision, d =>
            {
                d.Property(p => p.Outcome).HasMaxLength(10);
                d.Property(p => p.Kind).HasMaxLength(10);
                d.Property(p => p.Category).HasMaxLength(10);
                d.Property(p => p.ReceivingLocationId).HasMaxLength(100);
                d.Property(p => p.DecidedBy).HasMaxLength(100);
                d.Property(p => p.ParentsView).HasMaxLength(4000);
                d.Property(p => p.Reasons).HasMaxLength(4000);
            });
            t.OwnsOne(x => x.Objection, o =>
            {
                o.Property(p => p.FiledBy).HasMaxLength(100);
                o.Property(p => p.Grounds).HasMaxLength(4000);
                o.Property(p => p.LbtAdvice).HasMaxLength(10);
                o.Property(p => p.Result).HasMaxLength(10);
                o.Property(p => p.Reasons).HasMaxLength(4000);
                o.Property(p => p.FormerOutcome).HasMaxLength(10);
            });
            t.OwnsOne(x => x.Renewal, r =>
            {
                r.Property(p => p.Choice).HasMaxLength(20);
                r.Property(p => p.ChosenBy).HasMaxLength(100);
            });
            t.Navigation(x => x.Renewal).IsRequired();
            t.Property(x => x.Version).IsRowVersion();
            t.Ignore(x => x.PendingEvents);
            t.Ignore(x => x.HasTheAdvicesItNeeds);
            t.Ignore(x => x.ObjectionDueOn);
        });
        model.Entity<ZorgplichtApplication>(z =>
        {
            z.ToTable("zorgplicht_applications");
            z.Property(x => x.Id).ValueGeneratedNever();
            z.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            z.Property(x => x.ChildReference).HasMaxLength(80);
            z.Property(x => x.HomeMunicipality).HasMaxLength(10);
            z.Property(x => x.SchoolOrganisationId).HasMaxLength(100);
            z.Property(x => x.SchoolLocationId).HasMaxLength(100);
            z.Property(x => x.SchoolType).HasMaxLength(20);
            z.Property(x => x.SchoolMunicipality).HasMaxLength(10);
            z.Property(x => x.SwvId).HasMaxLength(100);
            z.Property(x => x.OtherSchoolLocationId).HasMaxLength(100);
            z.Property(x => x.OtherSchoolOrganisationId).HasMaxLength(100);
            z.Property(x => x.OtherSchoolKind).HasMaxLength(20);
            z.Property(x => x.Outcome).HasMaxLength(30);
            z.Property(x => x.PlacementLocationId).HasMaxLength(100);
            z.Property(x => x.PlacementType).HasMaxLength(20);
            z.Property(x => x.Timeliness).HasMaxLength(20);
            z.HasIndex(x => x.SwvId);
            z.HasIndex(x => x.SchoolOrganisationId);
            z.HasIndex(x => x.HomeMunicipality);
            z.HasIndex(x => x.OtherSchoolOrganisationId);
            z.HasIndex(x => new { x.Status, x.DecisionDueOn });
            // One open application per child at a school, whatever races: the second is refused by the database.
            z.HasIndex(x => new { x.ChildReference, x.SchoolOrganisationId }).IsUnique().HasFilter("status = 'Open'")
                .HasDatabaseName("ux_zorgplicht_one_open_application_per_child_and_school");
            z.Property(x => x.Version).IsRowVersion();
            z.Ignore(x => x.PendingEvents);
            z.Ignore(x => x.IsExtended);
            z.Ignore(x => x.OriginalDueOn);
            z.Ignore(x => x.NeedsLeerplichtAttention);
        });
        model.Entity<Opp>(o =>
        {
            o.ToTable("opps");
            o.Property(x => x.Id).ValueGeneratedNever();
            o.Property(x => x.ChildReference).HasMaxLength(80);
            o.Property(x => x.SchoolOrganisationId).HasMaxLength(100);
            o.Property(x => x.SchoolLocationId).HasMaxLength(100);
            o.Property(x => x.SchoolType).HasMaxLength(20);
            o.Property(x => x.SchoolMunicipality).HasMaxLength(10);
            o.Property(x => x.SwvId).HasMaxLength(100);
            o.Property(x => x.RequiredBecause).HasMaxLength(20);
            o.Property(x => x.ParentsConsent).HasMaxLength(10);
            o.HasIndex(x => x.SwvId);
            o.HasIndex(x => x.SchoolOrganisationId);
            // One record per enrolment: the same enrolment recorded twice is refused by the database.
            o.HasIndex(x => new { x.ChildReference, x.SchoolLocationId, x.EnrolledOn }).IsUnique().HasDatabaseName("ux_opps_one_per_enrolment");
            o.Property(x => x.Version).IsRowVersion();
            o.Ignore(x => x.PendingEvents);
        });
        model.Entity<Dispute>(d =>
        {
            d.ToTable("disputes");
            d.Property(x => x.Id).ValueGeneratedNever();
            d.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            d.Property(x => x.ChildReference).HasMaxLength(80);
            d.Property(x => x.HomeMunicipality).HasMaxLength(10);
            d.Property(x => x.Subject).HasMaxLength(30);
            d.Property(x => x.SchoolOrganisationId).HasMaxLength(100);
            d.Property(x => x.SchoolLocationId).HasMaxLength(100);
            d.Property(x => x.SchoolType).HasMaxLength(20);
            d.Property(x => x.SchoolMunicipality).HasMaxLength(10);
            d.Property(x => x.SwvId).HasMaxLength(100);
            d.Property(x => x.Outcome).HasMaxLength(30);
            d.HasIndex(x => x.SwvId);
            d.HasIndex(x => x.SchoolOrganisationId);
            d.HasIndex(x => x.HomeMunicipality);
            d.HasIndex(x => new { x.Status, x.AnswerDueOn, x.OpinionDueOn });
            // One open dispute per disputed decision, whatever races: the second is refused by the database.
            d.HasIndex(x => new { x.ChildReference, x.SchoolOrganisationId, x.Subject, x.DisputedDecisionOn }).IsUnique().HasFilter("status <> 'Concluded'")
                .HasDatabaseName("ux_disputes_one_open_per_decision");
            d.Property(x => x.Version).IsRowVersion();
            d.Ignore(x => x.PendingEvents);
            d.Ignore(x => x.FilingDueOn);
        });
        model.AddMessagingTables();
        model.AddIdempotencyTable();
        model.AddDirectoryReplica();
        // The Directory's school boards and TLV experts: an advice's independence is checked on them (RULES.md §4).
        model.AddDirectoryExperts();
        model.AddConsentReplica();
    }

    public override async Task<int> SaveChangesAsync(CancellationToken cancellationToken = default)
    {
        return await this.SaveWithRecordedEventsAsync(() => base.SaveChangesAsync(cancellationToken));
    }
}
