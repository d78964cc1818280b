using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Platform.Identity.Infrastructure;

namespace Platform.Identity.Upstream;

/// <summary>A provider people may sign in at now, with its client secret readable (this replica's memory only).</summary>
internal sealed record ActiveProvider(
    string Id, int Version, string DisplayName, string Authority, string ClientId, string ClientSecret, string SubjectClaim,
    IReadOnlyList<string> OrganisationIds)
{
    public string SchemeName => UpstreamSchemes.NameOf(Id, Version);
}

/// <summary>
/// The enabled upstream providers, read from identitydb at most every <see cref="Fresh"/> per replica (the sign-in page
/// and every upstream callback need them; the admin API's own replica reloads at once after a change). A provider asked
/// for by a version this replica does not know yet (registered or changed on another replica) reloads sooner.
/// </summary>
internal sealed class UpstreamProviderCache(IServiceScopeFactory scopes, IDataProtectionProvider protection, TimeProvider clock)
{
    public const string SecretPurpose = "Platform.Identity.Upstream.ClientSecret";
    private static readonly TimeSpan Fresh = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan MissReload = TimeSpan.FromSeconds(2);
    private readonly SemaphoreSlim _loading = new(1, 1);
    private volatile Snapshot _snapshot = new([], DateTimeOffset.MinValue);

    private sealed record Snapshot(IReadOnlyList<ActiveProvider> Providers, DateTimeOffset LoadedAt);

    /// <summary>What was loaded last, without waiting: for the sign-in's options, made right after a scheme was found here.</summary>
    public IReadOnlyList<ActiveProvider> Loaded => _snapshot.Providers;

    public async Task<IReadOnlyList<ActiveProvider>> ActiveAsync(CancellationToken ct) =>
        (clock.GetUtcNow() - _snapshot.LoadedAt < Fresh ? _snapshot : await ReloadAsync(_snapshot, ct)).Providers;

    /// <summary>The provider with this id (and version, when given), reloading once if this replica may not know it yet.</summary>
    public async Task<ActiveProvider?> FindAsync(string id, int? version, CancellationToken ct)
    {
        var seen = _snapshot;
        var found = Match(await ActiveAsync(ct), id, version);
        if (found is null && clock.GetUtcNow() - _snapshot.LoadedAt >= MissReload) found = Match((await ReloadAsync(seen, ct)).Providers, id, version);
        return found;
    }

    /// <summary>After this replica changed a provider: the next request reads them afresh.</summary>
    public void Invalidate() => _snapshot = _snapshot with { LoadedAt = DateTimeOffset.MinValue };

    private static ActiveProvider? Match(IReadOnlyList<ActiveProvider> providers, string id, int? version) =>
        providers.FirstOrDefault(p => p.Id == id && (version is null || p.Version == version));

    private async Task<Snapshot> ReloadAsync(Snapshot seen, CancellationToken ct)
    {
        await _loading.WaitAsync(ct);
        try
        {
            // Another request reloaded while this one waited: its snapshot will do.
            if (_snapshot.LoadedAt > seen.LoadedAt) return _snapshot;
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
            var rows = await db.UpstreamProviders.AsNoTracking().Where(p => p.DisabledAt == null).ToListAsync(ct);
            var protector = protection.CreateProtector(SecretPurpose);
            var providers = rows.Select(p => new ActiveProvider(p.Id, p.Version, p.DisplayName, p.Authority, p.ClientId,
                protector.Unprotect(p.ProtectedClientSecret), p.SubjectClaim, [.. p.OrganisationIds])).ToList();
            return _snapshot = new Snapshot(providers, clock.GetUtcNow());
        }
        finally
        {
            _loading.Release();
        }
    }
}
