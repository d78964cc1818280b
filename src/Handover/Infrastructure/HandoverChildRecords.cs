using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Platform.ChildLinks;
using Platform.ConsentReplica;

namespace Platform.Handover.Infrastructure;

/// <summary>Handover's records of a child, for linking its identifiers (ADR-0015).</summary>
internal sealed class HandoverChildRecords(HandoverDbContext db) : IChildRecords
{
    public string Service => "handover";

    /// <summary>The sender and the receiver of a handover of the child hold it (the receiving SWV does not: no BSN, RULES.md §6).</summary>
    public Task<bool> HoldsAsync(ClaimsPrincipal caller, string reference, CancellationToken ct)
    {
        var organisationId = caller.RequiredOrganisationId();
        return db.Handovers.AnyAsync(h => h.ChildReference == reference
            && (h.SendingOrganisationId == organisationId || h.ReceivingOrganisationId == organisationId), ct);
    }

    /// <summary>Handovers, the child's known TLVs and arrangements, and the copies of its consents and cases move together.</summary>
    public async Task RekeyAsync(string from, string to, CancellationToken ct)
    {
        await db.Handovers.Where(h => h.ChildReference == from).ExecuteUpdateAsync(s => s.SetProperty(h => h.ChildReference, to), ct);
        await db.Tlvs.Where(t => t.ChildReference == from).ExecuteUpdateAsync(s => s.SetProperty(t => t.ChildReference, to), ct);
        await db.Arrangements.Where(a => a.ChildReference == from).ExecuteUpdateAsync(s => s.SetProperty(a => a.ChildReference, to), ct);
        await db.Set<ConsentCopy>().Where(c => c.ChildReference == from).ExecuteUpdateAsync(s => s.SetProperty(c => c.ChildReference, to), ct);
        await db.Set<CaseCopy>().Where(c => c.ChildReference == from).ExecuteUpdateAsync(s => s.SetProperty(c => c.ChildReference, to), ct);
    }
}
