using Microsoft.EntityFrameworkCore;
using Platform.Identity.Infrastructure;

namespace Platform.Identity.People;

/// <summary>
/// The people who may sign in, as their organisations' administrators registered them. Every sign-in and every refresh of
/// a person's tokens reads the person here, so a person disabled, or given other roles, is so from the next token on.
/// </summary>
internal sealed class PeopleStore(IdentityDbContext db)
{
    /// <summary>The person with this platform id, or null when there is none or they were disabled.</summary>
    public Task<Person?> FindActiveAsync(string? id, CancellationToken ct) =>
        id is null ? Task.FromResult<Person?>(null) : db.People.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id && p.DisabledAt == null, ct);

    /// <summary>The active person an upstream provider's subject belongs to, or null.</summary>
    public Task<Person?> FindByLoginAsync(string providerId, string subject, CancellationToken ct) =>
        db.People.AsNoTracking().SingleOrDefaultAsync(p => p.ProviderId == providerId && p.UpstreamSubject == subject && p.DisabledAt == null, ct);
}
