using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Platform.ChildLinks;
using Platform.Intake.Domain.Cases;

namespace Platform.Intake.Infrastructure;

/// <summary>Intake's records of a child, for linking its identifiers (ADR-0015).</summary>
internal sealed class IntakeChildRecords(IntakeDbContext db, TimeProvider clock) : IChildRecords
{
    public string Service => "intake";

    /// <summary>
    /// An organisation holds the child when it referred it (its own referral) or has access to the child's case today
    /// (a referrer, or named in a valid consent): what it may read here. No one else learns anything by linking.
    /// </summary>
    public async Task<bool> HoldsAsync(ClaimsPrincipal caller, string reference, CancellationToken ct)
    {
        var organisationId = caller.RequiredOrganisationId();
        if (await db.Referrals.AnyAsync(r => r.ChildReference == reference && r.ReferringOrganisationId == organisationId, ct)) return true;
        var today = DutchTime.Today(clock);
        var cases = await db.Cases.AsNoTracking().Where(c => c.ChildReference == reference).ToListAsync(ct);
        return cases.Any(c => c.AccessFor(organisationId, today) is not null);
    }

    public async Task RekeyAsync(string from, string to, CancellationToken ct)
    {
        await db.Referrals.Where(r => r.ChildReference == from).ExecuteUpdateAsync(s => s.SetProperty(r => r.ChildReference, to), ct);
        // One child, one case: the case moves to the BSN's reference, and a referral by either identifier joins it;
        // its consents (kept by case) stay valid for the linked child. When the BSN's child already has an open case
        // of its own, that one keeps the reference and this one stays as it is: two cases are not merged (ADR-0015).
        var openUnderTo = await db.Cases.AnyAsync(c => c.ChildReference == to && c.Status != CaseStatus.Closed, ct);
        await db.Cases.Where(c => c.ChildReference == from && (!openUnderTo || c.Status == CaseStatus.Closed))
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.ChildReference, to), ct);
    }
}
