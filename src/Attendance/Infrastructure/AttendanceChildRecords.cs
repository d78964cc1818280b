using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Platform.Attendance.Apis;
using Platform.Attendance.Domain;
using Platform.ChildLinks;

namespace Platform.Attendance.Infrastructure;

/// <summary>Attendance's records of a child, for linking its identifiers (ADR-0015).</summary>
internal sealed class AttendanceChildRecords(AttendanceDbContext db) : IChildRecords
{
    public string Service => "attendance";

    /// <summary>
    /// A school holds the absence reports and leave it recorded; the leerplicht officers hold what is routed to their
    /// municipality and the thuiszitter cases and exemptions of children living there: what each may read here.
    /// </summary>
    public async Task<bool> HoldsAsync(ClaimsPrincipal caller, string reference, CancellationToken ct)
    {
        var tenant = Tenant.Of(caller);
        if (tenant.IsSchool)
            return await db.AbsenceReports.AnyAsync(r => r.ChildReference == reference && r.SchoolOrganisationId == tenant.OrganisationId, ct)
                || await db.LeaveRequests.AnyAsync(l => l.ChildReference == reference && l.SchoolOrganisationId == tenant.OrganisationId, ct);
        if (tenant.IsMunicipality)
            return await db.AbsenceReports.AnyAsync(r => r.ChildReference == reference && r.RoutedTo == tenant.Municipality, ct)
                || await db.LeaveRequests.AnyAsync(l => l.ChildReference == reference && l.RoutedTo == tenant.Municipality, ct)
                || await db.Thuiszitters.AnyAsync(c => c.ChildReference == reference && c.Child.HomeMunicipality == tenant.Municipality, ct)
                || await db.Exemptions.AnyAsync(e => e.ChildReference == reference && e.Child.HomeMunicipality == tenant.Municipality, ct);
        return false;
    }

    public async Task RekeyAsync(string from, string to, CancellationToken ct)
    {
        await db.AbsenceReports.Where(r => r.ChildReference == from).ExecuteUpdateAsync(s => s.SetProperty(r => r.ChildReference, to), ct);
        await db.LeaveRequests.Where(l => l.ChildReference == from).ExecuteUpdateAsync(s => s.SetProperty(l => l.ChildReference, to), ct);
        await db.Exemptions.Where(e => e.ChildReference == from).ExecuteUpdateAsync(s => s.SetProperty(e => e.ChildReference, to), ct);
        // One open thuiszitter case per child: an open case already under the BSN's reference keeps it, the other stays
        // under the old reference (not merged automatically: ADR-0015).
        var openUnderTo = await db.Thuiszitters.AnyAsync(c => c.ChildReference == to && c.Status != ThuiszitterStatus.Resolved, ct);
        await db.Thuiszitters.Where(c => c.ChildReference == from && (!openUnderTo || c.Status == ThuiszitterStatus.Resolved))
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.ChildReference, to), ct);
    }
}
