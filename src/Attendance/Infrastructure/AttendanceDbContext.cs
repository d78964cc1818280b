using Platform.Http.Idempotency;
using Platform.DirectoryReplica;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Attendance.Domain;
using Platform.ChildLinks;
using Platform.Messaging;
using Platform.Messaging.Outbox;

namespace Platform.Attendance.Infrastructure;

public sealed class AttendanceDbContext(DbContextOptions<AttendanceDbContext> options) : DbContext(options)
{
    public DbSet<AbsenceReport> AbsenceReports => Set<AbsenceReport>();
    public DbSet<ThuiszitterCase> Thuiszitters => Set<ThuiszitterCase>();
    public DbSet<Exemption> Exemptions => Set<Exemption>();
    public DbSet<SchoolDayOff> SchoolDaysOff => Set<SchoolDayOff>();
    public DbSet<LeaveRequest> LeaveRequests => Set<LeaveRequest>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.HasDefaultSchema("attendance");
        model.Entity<AbsenceReport>(report =>
        {
            report.ToTable("absence_reports");
            report.Property(r => r.Id).ValueGeneratedNever();
            MapChild(report.OwnsOne(r => r.Child));
            report.Property(r => r.ChildReference).HasMaxLength(80);
            report.HasIndex(r => r.ChildReference);
            report.Property(r => r.SchoolOrganisationId).HasMaxLength(100);
            report.HasIndex(r => r.SchoolOrganisationId);
            report.Property(r => r.Kind).HasConversion<string>().HasMaxLength(30);
            // The municipality whose officers see the report (RMC: the contact municipality, not the home one).
            report.Property(r => r.RoutedTo).HasMaxLength(6);
            report.HasIndex(r => r.RoutedTo);
            report.Property(r => r.Doubt).HasMaxLength(2000);
            report.Property(r => r.ReviewNote).HasMaxLength(2000);
            report.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
            report.HasIndex(r => r.RepeatOfId);
            report.Property(r => r.Version).IsRowVersion();
            report.Ignore(r => r.PendingEvents);
        });
        model.Entity<ThuiszitterCase>(@case =>
        {
            @case.ToTable("thuiszitter_cases");
            @case.Property(c => c.Id).ValueGeneratedNever();
            MapChild(@case.OwnsOne(c => c.Child));
            @case.Property(c => c.ChildReference).HasMaxLength(80);
            // One open case per child, even when two reports arrive at once.
            @case.HasIndex(c => c.ChildReference).IsUnique().HasFilter("status <> 'Resolved'");
            @case.HasIndex(c => new { c.Status, c.PlanDueOn });
            @case.HasIndex(c => new { c.Status, c.EscalationDueOn });
            @case.Property(c => c.Kind).HasConversion<string>().HasMaxLength(30);
            @case.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
            @case.Property(c => c.Resolution).HasConversion<string>().HasMaxLength(30);
            @case.Property(c => c.OnderwijsconsulentNote).HasMaxLength(2000);
            @case.OwnsOne(c => c.Offer, offer => offer.ToJson());
            @case.Ignore(c => c.Stage);
            @case.Property(c => c.Version).IsRowVersion();
            @case.Ignore(c => c.PendingEvents);
        });
        model.Entity<Exemption>(exemption =>
        {
            exemption.ToTable("exemptions");
            exemption.Property(e => e.Id).ValueGeneratedNever();
            MapChild(exemption.OwnsOne(e => e.Child));
            exemption.Property(e => e.ChildReference).HasMaxLength(80);
            exemption.HasIndex(e => e.ChildReference);
            exemption.HasIndex(e => e.EndsOn);
            exemption.Property(e => e.Article).HasConversion<string>().HasMaxLength(5);
            exemption.OwnsOne(e => e.Statement, s => s.ToJson());
            exemption.OwnsOne(e => e.Advice, a => a.ToJson());
            exemption.Property(e => e.CheckOutcome).HasMaxLength(30);
            exemption.Property(e => e.CheckNote).HasMaxLength(2000);
            exemption.Ignore(e => e.Status);
            exemption.Ignore(e => e.IsNever);
            exemption.Property(e => e.Version).IsRowVersion();
            exemption.Ignore(e => e.PendingEvents);
        });
        model.Entity<SchoolDayOff>(day =>
        {
            day.ToTable("school_days_off");
            day.Property(d => d.Id).ValueGeneratedNever();
            day.Property(d => d.SchoolOrganisationId).HasMaxLength(100);
            day.HasIndex(d => new { d.SchoolOrganisationId, d.Date }).IsUnique();
            day.Property(d => d.Reason).HasMaxLength(200);
        });
        model.Entity<LeaveRequest>(leave =>
        {
            leave.ToTable("leave_requests");
            leave.Property(l => l.Id).ValueGeneratedNever();
            MapChild(leave.OwnsOne(l => l.Child));
            leave.Property(l => l.ChildReference).HasMaxLength(80);
            leave.HasIndex(l => l.ChildReference);
            leave.Property(l => l.SchoolOrganisationId).HasMaxLength(100);
            leave.HasIndex(l => l.SchoolOrganisationId);
            leave.Property(l => l.Article).HasConversion<string>().HasMaxLength(30);
            leave.Property(l => l.Status).HasConversion<string>().HasMaxLength(20);
            leave.Property(l => l.Decider).HasConversion<string>().HasMaxLength(20);
            leave.Property(l => l.RoutedTo).HasMaxLength(6);
            leave.HasIndex(l => l.RoutedTo);
            leave.Property(l => l.Reason).HasMaxLength(2000);
            leave.Property(l => l.DecisionNote).HasMaxLength(2000);
            leave.Property(l => l.DecidedByOrganisationId).HasMaxLength(100);
            leave.OwnsOne(l => l.EmployerStatement, s => s.ToJson());
            leave.Property(l => l.Version).IsRowVersion();
        });
        model.AddMessagingTables();
        model.AddIdempotencyTable();
        model.AddDirectoryReplica();
        model.AddChildLinks();
    }

    private static void MapChild<T>(OwnedNavigationBuilder<T, ChildDetails> child) where T : class
    {
        child.Property(c => c.Bsn).HasMaxLength(9);
        child.Property(c => c.Onderwijsnummer).HasMaxLength(9);
        child.Property(c => c.PlatformChildId).HasMaxLength(40);
        child.Property(c => c.GivenName).HasMaxLength(200);
        child.Property(c => c.FamilyName).HasMaxLength(200);
        child.Property(c => c.HomeMunicipality).HasMaxLength(6);
        child.HasIndex(c => c.HomeMunicipality);
    }

    public override async Task<int> SaveChangesAsync(CancellationToken cancellationToken = default)
    {
        return await this.SaveWithRecordedEventsAsync(() => base.SaveChangesAsync(cancellationToken));
    }
}
