using Microsoft.EntityFrameworkCore;
using Platform.ChildLinks;
using Platform.ServiceDefaults;
using Platform.SharedKernel;

namespace Platform.ConsentReplica;

/// <summary>
/// The consent gate every service passes before it shares a child's data: a valid consent (not
/// withdrawn, not expired) must name the organisation and the purpose. Checked at each access, not
/// once: a withdrawal takes effect on the next request.
/// </summary>
public interface IConsentCheck
{
    Task<bool> CoversAsync(string childReference, string organisationId, string purpose, DateOnly day, CancellationToken ct);

    Task<CaseCopy?> CaseAsync(Guid caseId, CancellationToken ct);
}

internal sealed class ConsentCheck<TDbContext>(TDbContext db) : IConsentCheck where TDbContext : DbContext
{
    public async Task<bool> CoversAsync(string childReference, string organisationId, string purpose, DateOnly day, CancellationToken ct)
    {
        // A consent given under a reference since linked to the child's BSN stays valid for the child (ADR-0015), also
        // when its copy arrived after the link under the old reference.
        var references = await db.SameChildAsync(childReference, ct);
        var consents = await db.Set<ConsentCopy>().AsNoTracking().Where(c => references.Contains(c.ChildReference)).ToListAsync(ct);
        return consents.Any(c => c.Covers(organisationId, purpose, day));
    }

    public Task<CaseCopy?> CaseAsync(Guid caseId, CancellationToken ct) =>
        db.Set<CaseCopy>().AsNoTracking().FirstOrDefaultAsync(c => c.CaseId == caseId, ct);
}

public static class ConsentRules
{
    /// <summary>422 naming <paramref name="field"/> when no valid consent covers the organisation for the purpose.</summary>
    public static async Task RequireAsync(this IConsentCheck consents, string field, string childReference, string organisationId, string purpose,
        DateOnly day, CancellationToken ct)
    {
        if (!await consents.CoversAsync(childReference, organisationId, purpose, day, ct))
            throw new DomainRuleException(field, $"No valid consent covers {organisationId} for '{purpose}': ask the family through the case in Intake.");
    }
}
