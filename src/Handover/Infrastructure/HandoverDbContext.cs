using Platform.ChildLinks;
using Platform.Http.Idempotency;
using Platform.ConsentReplica;
using Platform.DirectoryReplica;
using Microsoft.EntityFrameworkCore;
using Platform.Handover.Domain;
using Platform.Messaging;
using Platform.Messaging.Outbox;

namespace Platform.Handover.Infrastructure;

public sealed class HandoverDbContext(DbContextOptions<HandoverDbContext> options) : DbContext(options)
{
    public DbSet<HandoverProcess> Handovers => Set<HandoverProcess>();
    public DbSet<KnownTlv> Tlvs => Set<KnownTlv>();
    public DbSet<KnownArrangement> Arrangements => Set<KnownArrangement>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.HasDefaultSchema("handover");
        model.Entity<HandoverProcess>(h =>
        {
            h.ToTable("handovers");
            h.Property(x => x.Id).ValueGeneratedNever();
            h.OwnsOne(x => x.Child, c =>
            {
                c.Property(p => p.Bsn).HasMaxLength(9);
                c.Property(p => p.Onderwijsnummer).HasMaxLength(9);
                c.Property(p => p.PlatformChildId).HasMaxLength(40);
                c.Property(p => p.GivenName).HasMaxLength(200);
                c.Property(p => p.FamilyName).HasMaxLength(200);
            });
            h.Property(x => x.ChildReference).HasMaxLength(80);
            h.HasIndex(x => x.ChildReference);
            h.Property(x => x.SwitchMoment).HasMaxLength(40);
            h.Property(x => x.SendingOrganisationId).HasMaxLength(100);
            h.Property(x => x.ReceivingOrganisationId).HasMaxLength(100);
            h.Property(x => x.ReceivingSwv).HasMaxLength(100);
            h.HasIndex(x => x.SendingOrganisationId);
            h.HasIndex(x => x.ReceivingOrganisationId);
            h.HasIndex(x => new { x.Status, x.DueOn });
            h.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            h.OwnsOne(x => x.Dossier, d =>
            {
                d.ToJson();
                d.OwnsMany(x => x.Attachments);
                d.OwnsOne(x => x.SchoolAdvice, a =>
                {
                    a.Ignore(x => x.Current);
                    a.OwnsOne(x => x.Provisional);
                    a.OwnsOne(x => x.Doorstroomtoets);
                    a.OwnsOne(x => x.Final);
                    a.OwnsMany(x => x.Revisions);
                });
                d.OwnsOne(x => x.OnderwijskundigRapport);
            });
            h.OwnsMany(x => x.Care, c => { c.ToJson(); c.Ignore(x => x.IsConfirmed); });
            h.OwnsOne(x => x.Meeting, m => m.ToJson());
            h.OwnsMany(x => x.Declines, d => d.ToJson());
            h.Property(x => x.Version).IsRowVersion();
            h.Ignore(x => x.PendingEvents);
        });
        model.Entity<KnownTlv>(t =>
        {
            t.ToTable("known_tlvs");
            t.HasKey(x => x.TlvId);
            t.Property(x => x.TlvId).ValueGeneratedNever();
            t.Property(x => x.ChildReference).HasMaxLength(80);
            t.Property(x => x.Kind).HasMaxLength(10);
            t.HasIndex(x => x.ChildReference);
        });
        model.Entity<KnownArrangement>(a =>
        {
            a.ToTable("known_arrangements");
            a.HasKey(x => x.PlacementId);
            a.Property(x => x.PlacementId).ValueGeneratedNever();
            a.HasIndex(x => x.ChildReference);
        });
        model.AddMessagingTables();
        model.AddIdempotencyTable();
        model.AddDirectoryReplica();
        model.AddConsentReplica();
        model.AddChildLinks();
    }

    public override async Task<int> SaveChangesAsync(CancellationToken cancellationToken = default)
    {
        return await this.SaveWithRecordedEventsAsync(() => base.SaveChangesAsync(cancellationToken));
    }
}
