using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Attendance.Domain;
using Platform.Attendance.Infrastructure;
using Platform.Auditing.Retention;

namespace Platform.Attendance.Jobs;

/// <summary>
/// Absence and enrolment data go 5 years after they were last needed (RULES.md §6: "5 years after
/// de-enrolment"). The platform does not see de-enrolment, so the term counts from the record's own
/// end: a report's closing, acknowledgement or withdrawal, a thuiszitter case's resolution, an
/// exemption's end. A report that an unresolved case still rests on stays with it, and so does an
/// exemption whose absolute-absence check is still open.
/// </summary>
public sealed class AttendanceRetention(
    IServiceScopeFactory scopes, IOptions<RetentionOptions> options, IHostEnvironment environment, TimeProvider clock, ILogger<AttendanceRetention> logger)
    : RetentionJob<AttendanceDbContext>(scopes, options, environment, clock, logger)
{
    private const string Basis = "absence and enrolment data: 5 years";

    protected override IReadOnlyList<RetentionRule<AttendanceDbContext>> Rules { get; } =
    [
        new("absence-report", 5, Basis, EraseReportsAsync),
        new("thuiszitter-case", 5, Basis, EraseCasesAsync),
        new("exemption", 5, Basis, EraseExemptionsAsync),
        new("leave-request", 5, Basis, EraseLeaveRequestsAsync),
    ];

    /// <summary>A decided leave request, 5 years after its decision; an undecided one, 5 years after its last day.</summary>
    private static async Task<IReadOnlyList<ErasedRecord>> EraseLeaveRequestsAsync(AttendanceDbContext db, RetentionBatch batch, CancellationToken ct)
    {
        var cutoffDay = DateOnly.FromDateTime(batch.Cutoff.UtcDateTime);
        var due = await db.LeaveRequests.AsNoTracking()
            .Where(l => l.DecidedAt < batch.Cutoff || (l.DecidedAt == null && l.LastDay < cutoffDay))
            .OrderBy(l => l.LastDay).Take(batch.Take).Select(l => new ErasedRecord(l.Id.ToString(), l.ChildReference)).ToListAsync(ct);
        var ids = due.Select(r => Guid.Parse(r.RecordId)).ToList();
        // A luxe verzuim report that names the request keeps its own data; the link is only an id.
        await db.LeaveRequests.Where(l => ids.Contains(l.Id)).ExecuteDeleteAsync(ct);
        return due;
    }

    private static async Task<IReadOnlyList<ErasedRecord>> EraseReportsAsync(AttendanceDbContext db, RetentionBatch batch, CancellationToken ct)
    {
        var due = await db.AbsenceReports.AsNoTracking()
            .Where(r => (r.Status == ReportStatus.Closed || r.Status == ReportStatus.Withdrawn || r.Status == ReportStatus.Acknowledged) && r.FinishedAt < batch.Cutoff
                        && !db.Thuiszitters.Any(c => c.AbsenceReportId == r.Id && c.Status != ThuiszitterStatus.Resolved))
            .OrderBy(r => r.FinishedAt).Take(batch.Take).Select(r => new ErasedRecord(r.Id.ToString(), r.ChildReference)).ToListAsync(ct);
        var ids = due.Select(r => Guid.Parse(r.RecordId)).ToList();
        await db.AbsenceReports.Where(r => ids.Contains(r.Id)).ExecuteDeleteAsync(ct);
        return due;
    }

    private static async Task<IReadOnlyList<ErasedRecord>> EraseCasesAsync(AttendanceDbContext db, RetentionBatch batch, CancellationToken ct)
    {
        var due = await db.Thuiszitters.AsNoTracking()
            .Where(c => c.Status == ThuiszitterStatus.Resolved && c.ResolvedAt < batch.Cutoff)
            .OrderBy(c => c.ResolvedAt).Take(batch.Take).Select(c => new ErasedRecord(c.Id.ToString(), c.ChildReference)).ToListAsync(ct);
        var ids = due.Select(r => Guid.Parse(r.RecordId)).ToList();
        await db.Thuiszitters.Where(c => ids.Contains(c.Id)).ExecuteDeleteAsync(ct);
        return due;
    }

    private static async Task<IReadOnlyList<ErasedRecord>> EraseExemptionsAsync(AttendanceDbContext db, RetentionBatch batch, CancellationToken ct)
    {
        var cutoffDay = DateOnly.FromDateTime(batch.Cutoff.UtcDateTime);
        var due = await db.Exemptions.AsNoTracking()
            .Where(e => (e.EndedAt < batch.Cutoff || (e.EndedAt == null && e.EndsOn < cutoffDay)) && !(e.CheckOpenedAt != null && e.CheckClosedAt == null))
            .OrderBy(e => e.EndsOn).Take(batch.Take).Select(e => new ErasedRecord(e.Id.ToString(), e.ChildReference)).ToListAsync(ct);
        var ids = due.Select(r => Guid.Parse(r.RecordId)).ToList();
        await db.Exemptions.Where(e => ids.Contains(e.Id)).ExecuteDeleteAsync(ct);
        return due;
    }
}
